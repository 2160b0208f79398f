import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

const MAX_MESSAGE = 500;
const MAX_STACK = 4000;

/**
 * Errors are logged by name, message, code, status and stack, each bounded: the HTTP clients' errors
 * carry the request they failed (its whole body, its Authorization header) as enumerable fields,
 * which pino's default serializer would copy into the log line.
 */
function boundedError(err: unknown): unknown {
  if (!(err instanceof Error)) return typeof err === 'string' ? err.slice(0, MAX_MESSAGE) : err;
  const e = err as Error & { code?: unknown; statusCode?: unknown; status?: unknown };
  const scalar = (v: unknown) => (typeof v === 'string' ? v.slice(0, 100) : typeof v === 'number' ? v : undefined);
  return {
    type: e.name,
    message: String(e.message).slice(0, MAX_MESSAGE),
    code: scalar(e.code),
    statusCode: scalar(e.statusCode) ?? scalar(e.status),
    stack: e.stack?.slice(0, MAX_STACK),
  };
}

/** JSON lines on stdout, or on the destination given (tests read them). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'partix' }, timestamp: pino.stdTimeFunctions.isoTime, serializers: { err: boundedError } };
  return destination ? pino(options, destination) : pino(options);
}
