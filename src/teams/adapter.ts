/** The botbuilder CloudAdapter, authenticated whenever an app id is configured. */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, type AuthenticateRequestResult, type ClaimsIdentity, type ConnectorClient, type ConnectorFactory, type UserTokenClient } from 'botframework-connector';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/** At most this many clients are kept (one per app id, serviceUrl and audience: Teams has a few serviceUrls). */
const MAX_CLIENTS = 64;

/** A bounded map of promised clients; a client that could not be made is not kept. */
class ClientCache<T> {
  private readonly clients = new Map<string, Promise<T>>();

  get(key: string, make: () => Promise<T>): Promise<T> {
    let client = this.clients.get(key);
    if (!client) {
      if (this.clients.size >= MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value!);
      client = make();
      client.catch(() => this.clients.delete(key));
      this.clients.set(key, client);
    }
    return client;
  }
}

/** Who the bot is in a request's claims (as botframework-connector reads it). */
function appIdOf(identity: ClaimsIdentity): string {
  return identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/**
 * The user token client (OAuth sign-in, which Partix does not use), made once per app id instead of
 * for every turn: each is a client pipeline of its own, and making them was a tenth of a turn's CPU.
 */
class PartixAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly tokenClients = new ClientCache<UserTokenClient>();

  override createUserTokenClient(identity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(identity), () => super.createUserTokenClient(identity));
  }
}

/**
 * botbuilder's process() wants a body parsed by middleware and answers its own failures with their
 * internal text (a 500 that quotes a fetch error): the edge reads, checks and authenticates the
 * request itself, then runs the turn here. A turn's connector client is kept per app id, serviceUrl
 * and audience (botbuilder makes one per turn, pipeline and all); each turn sees it through a view
 * of its own (turnScoped).
 */
export class PartixAdapter extends CloudAdapter {
  private readonly connectors = new ClientCache<ConnectorClient>();

  constructor(
    authentication: ConfigurationBotFrameworkAuthentication,
    private readonly replyTimeoutMs?: number,
  ) {
    super(authentication);
  }

  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  runTurn(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    const factory = auth.connectorFactory;
    if (!factory) return this.processActivity(auth, activity, logic);
    const appId = appIdOf(auth.claimsIdentity);
    const timeoutMs = this.replyTimeoutMs;
    const cached = {
      create: async (serviceUrl: string, audience?: string) => {
        const client = await this.connectors.get(JSON.stringify([appId, serviceUrl, audience ?? null]), async () => {
          const made = await factory.create(serviceUrl, audience);
          if (timeoutMs !== undefined) boundPipeline(made, timeoutMs);
          return made;
        });
        return timeoutMs === undefined ? client : turnScoped(client);
      },
    } as ConnectorFactory;
    return this.processActivity({ ...auth, connectorFactory: cached }, activity, logic);
  }
}

/** A connector call the connector did not answer at all (an HTTP answer, 403 or 429, says it is there). */
function unanswered(error: unknown): boolean {
  return (error as { statusCode?: unknown }).statusCode === undefined && !(error as { response?: unknown }).response;
}

/**
 * A turn's view of a shared connector client: once the connector did not answer one of the turn's
 * calls, the turn's other calls fail at once instead of waiting the timeout again.
 */
export function turnScoped(client: ConnectorClient): ConnectorClient {
  let unreachable: unknown = null;
  const shared = client.conversations;
  const conversations = new Proxy(shared, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (unreachable) throw unreachable;
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (error) {
          if (unanswered(error)) unreachable = error;
          throw error;
        }
      };
    },
  });
  return Object.create(client, { conversations: { value: conversations } }) as ConnectorClient;
}

interface PipelineRequest {
  timeout: number;
}
interface Pipeline {
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: { name: string; sendRequest(request: PipelineRequest, next: (request: PipelineRequest) => Promise<unknown>): Promise<unknown> }, options?: { phase: 'Retry' }): void;
}

/**
 * A kept client sends over kept-alive connections, and a server may close one just as a request
 * goes out on it: the request fails with "socket hang up" (ECONNRESET) and no answer, almost always
 * unread (a server that read it and then dropped the connection would show the message twice).
 * Sent again once, at once, on a new connection, it goes through. Only that error, and only when no
 * response came: a connector that answered, or that does not answer (a timeout), is not asked twice.
 */
function connectionReset(error: unknown): boolean {
  const e = error as { code?: unknown; response?: unknown } | null;
  return e?.code === 'ECONNRESET' && e.response === undefined;
}

/**
 * A turn's replies wait on the serviceUrl (an invoke's answer goes back only when the turn ends), and
 * a proactive send holds a delivery slot: no client retries (up to 12 s on a dead serviceUrl; the
 * outbox schedules its own) but a connection reset's, and a timeout per call. A client shared by
 * turns gets this once.
 */
function boundPipeline(connectorClient: unknown, timeoutMs: number) {
  const pipeline = (connectorClient as { client?: { pipeline?: Pipeline } } | undefined)?.client?.pipeline;
  if (!pipeline) return;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  pipeline.addPolicy(
    {
      name: 'partixConnectionReset',
      async sendRequest(request, next) {
        try {
          return await next(request);
        } catch (error) {
          if (!connectionReset(error)) throw error;
          return next(request);
        }
      },
    },
    { phase: 'Retry' },
  );
  pipeline.addPolicy({
    name: 'partixReplyTimeout',
    sendRequest(request, next) {
      request.timeout = timeoutMs;
      return next(request);
    },
  });
}

/**
 * A proactive send's own client (botbuilder makes one per send): bounded as the kept ones are, and
 * seen through a turn's view of it, as a turn's replies are (turnScoped).
 */
export function boundSendClient(client: ConnectorClient | undefined, timeoutMs: number): ConnectorClient | undefined {
  if (!client) return client;
  boundPipeline(client, timeoutMs);
  return turnScoped(client);
}

/** The settings botframework-connector authenticates with, from Partix's configuration. */
export function authenticationSettings(config: Config): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  };
}

export function createAdapter(config: Config, logger: Logger, options: { quiet?: boolean; replyTimeoutMs?: number } = {}): PartixAdapter {
  if (!config.MicrosoftAppId && !options.quiet) {
    logger.warn(
      '!!! AUTHENTICATION IS OFF: MicrosoftAppId is empty, so /api/messages accepts unauthenticated requests. ' +
        'Use this for local development only (Agents Playground, tests); set MicrosoftAppId and MicrosoftAppPassword in production. !!!',
    );
  }
  const adapter = new PartixAdapter(new PartixAuthentication(authenticationSettings(config)), options.replyTimeoutMs);
  // Last resort: the bot answers its own errors; this only sees what escaped it.
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityId: context.activity?.id }, 'unhandled turn error');
  };
  return adapter;
}
