/** The botbuilder CloudAdapter, authenticated whenever an app id is configured. */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/**
 * botbuilder's process() wants a body parsed by middleware and answers its own failures with their
 * internal text (a 500 that quotes a fetch error): the edge reads, checks and authenticates the
 * request itself, then runs the turn here.
 */
export class PartixAdapter extends CloudAdapter {
  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  runTurn(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

interface PipelineRequest {
  timeout: number;
}
interface Pipeline {
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: { name: string; sendRequest(request: PipelineRequest, next: (request: PipelineRequest) => Promise<unknown>): Promise<unknown> }): void;
}

/**
 * A turn's replies wait on the serviceUrl (an invoke's answer goes back only when the turn ends), and
 * a proactive send holds a delivery slot: no client retries (up to 12 s on a dead serviceUrl; the
 * outbox schedules its own), a timeout per call, and once the connector did not answer, the other
 * calls of that turn fail at once instead of waiting again. One connector client per turn or send.
 */
export function boundReplies(connectorClient: unknown, timeoutMs: number) {
  const pipeline = (connectorClient as { client?: { pipeline?: Pipeline } } | undefined)?.client?.pipeline;
  if (!pipeline) return;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  let unreachable: unknown = null;
  pipeline.addPolicy({
    name: 'partixReplyTimeout',
    async sendRequest(request, next) {
      if (unreachable) throw unreachable;
      request.timeout = timeoutMs;
      try {
        return await next(request);
      } catch (error) {
        // An HTTP answer (403, 429…) says the connector is there; no answer says it is not.
        if ((error as { statusCode?: unknown; response?: unknown }).statusCode === undefined && !(error as { response?: unknown }).response) unreachable = error;
        throw error;
      }
    },
  });
}

export function createAdapter(config: Config, logger: Logger, options: { quiet?: boolean; replyTimeoutMs?: number } = {}): PartixAdapter {
  if (!config.MicrosoftAppId && !options.quiet) {
    logger.warn(
      '!!! AUTHENTICATION IS OFF: MicrosoftAppId is empty, so /api/messages accepts unauthenticated requests. ' +
        'Use this for local development only (Agents Playground, tests); set MicrosoftAppId and MicrosoftAppPassword in production. !!!',
    );
  }
  const settings: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  };
  const adapter = new PartixAdapter(new ConfigurationBotFrameworkAuthentication(settings));
  const replyTimeoutMs = options.replyTimeoutMs;
  if (replyTimeoutMs !== undefined) {
    adapter.use(async (context, next) => {
      boundReplies(context.turnState.get(adapter.ConnectorClientKey), replyTimeoutMs);
      await next();
    });
  }
  // Last resort: the bot answers its own errors; this only sees what escaped it.
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityId: context.activity?.id }, 'unhandled turn error');
  };
  return adapter;
}
