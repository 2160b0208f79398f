/** The chat edge's public face: the only names the rest of the code takes from src/teams. */
import type { CloudAdapter } from 'botbuilder';
import type { Request, Response } from 'restify';
import { PartixBot, type BotDeps } from './bot.js';
import { createAdapter } from './adapter.js';
import type { Config } from '../config.js';

export { COMMANDS, VERBS } from './commands.js';

export interface ChatEndpoint {
  /** Handles POST /api/messages. */
  handle(req: Request, res: Response): Promise<void>;
}

export function createChatEndpoint(config: Config, deps: BotDeps): ChatEndpoint {
  const adapter: CloudAdapter = createAdapter(config, deps.logger);
  const bot = new PartixBot(deps);
  return {
    handle: (req, res) => adapter.process(req, res, (context) => bot.run(context)),
  };
}

export type { BotDeps };
