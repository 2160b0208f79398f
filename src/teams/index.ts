/** The chat edge's public face: the only names the rest of the code takes from src/teams. */
import type { Request, Response } from 'restify';
import { PartixBot, type BotDeps } from './bot.js';
import { createAdapter } from './adapter.js';
import { parseActivity } from './activity.js';
import { authenticateRequest } from './authenticate.js';
import { createSender } from './proactive.js';
import { refuse } from './refusals.js';
import { readJsonBody, type BodyLimits } from './request-body.js';
import { guardSigningKeys } from './signing-keys.js';
import type { Sender } from '../notifications/delivery.js';
import type { Config } from '../config.js';

export { COMMANDS, VERBS } from './router.js';

export interface ChatEndpoint {
  /** Handles POST /api/messages. */
  handle(req: Request, res: Response): Promise<void>;
  /** Writes to a user first (outbox delivery), with the same adapter and credentials. */
  sender: Sender;
}

const BODY_LIMITS: BodyLimits = { maxBytes: 1024 * 1024, maxDepth: 64, timeoutMs: 15_000 };
/** Fetching Microsoft's signing keys; a failure is remembered this long. */
const KEYS_TIMEOUT_MS = 3000;
const KEYS_FAILURE_TTL_MS = 30_000;

export function createChatEndpoint(config: Config, deps: BotDeps): ChatEndpoint {
  const logger = deps.logger;
  if (!guardSigningKeys({ settings: { timeoutMs: KEYS_TIMEOUT_MS, failureTtlMs: KEYS_FAILURE_TTL_MS, onFailure: (d) => logger.error(d, 'Microsoft signing keys could not be fetched') } })) {
    logger.error('botframework-connector changed: signing keys are fetched without a timeout or a failure cache');
  }
  const adapter = createAdapter(config, logger, { replyTimeoutMs: config.CONNECTOR_TIMEOUT_MS });
  const bot = new PartixBot(deps);
  return {
    sender: createSender(createAdapter(config, logger, { quiet: true }), config.MicrosoftAppId, config.CONNECTOR_TIMEOUT_MS),
    async handle(req, res) {
      const body = await readJsonBody({ req, limits: BODY_LIMITS });
      if (!body.ok) return refuse({ res, status: body.status, reason: body.reason, logger });
      const parsed = parseActivity({ body: body.value });
      if (!parsed.ok) return refuse({ res, status: 400, reason: parsed.reason, logger });
      const header = req.headers.authorization;
      const auth = await authenticateRequest({
        authenticator: adapter,
        activity: parsed.activity,
        authHeader: typeof header === 'string' ? header : '',
        enabled: config.MicrosoftAppId !== '',
        timeoutMs: KEYS_TIMEOUT_MS + 1000,
      });
      if (!auth.ok) return refuse({ res, status: auth.status, reason: auth.reason, logger });
      const invoke = await adapter.runTurn(auth.result, parsed.activity, (context) => bot.run(context));
      if (invoke?.body !== undefined) res.send(invoke.status ?? 200, invoke.body);
      else {
        res.statusCode = invoke?.status ?? 200;
        res.end();
      }
    },
  };
}

export type { BotDeps };
