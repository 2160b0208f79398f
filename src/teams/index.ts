/** The chat edge's public face: the only names the rest of the code takes from src/teams. */
import type { CloudAdapter } from 'botbuilder';
import type { Request, Response } from 'restify';
import { PartixBot, type BotDeps } from './bot.js';
import { createAdapter } from './adapter.js';
import { createSender } from './proactive.js';
import type { Sender } from '../notifications/delivery.js';
import type { Config } from '../config.js';
import { z } from 'zod';

/** The least an activity must have before botbuilder sees it; anything else is a 400, not a crash. */
const activityEnvelope = z.object({ type: z.string().min(1), serviceUrl: z.string().optional() }).passthrough();

export { COMMANDS, VERBS } from './commands.js';

export interface ChatEndpoint {
  /** Handles POST /api/messages. */
  handle(req: Request, res: Response): Promise<void>;
  /** Writes to a user first (outbox delivery), with the same adapter and credentials. */
  sender: Sender;
}

export function createChatEndpoint(config: Config, deps: BotDeps): ChatEndpoint {
  const adapter: CloudAdapter = createAdapter(config, deps.logger);
  const bot = new PartixBot(deps);
  return {
    sender: createSender(createAdapter(config, deps.logger, { quiet: true }), config.MicrosoftAppId),
    async handle(req, res) {
      if (!activityEnvelope.safeParse(req.body).success) {
        res.send(400, { error: 'not a Bot Framework activity' });
        return;
      }
      await adapter.process(req, res, (context) => bot.run(context));
    },
  };
}

export type { BotDeps };
