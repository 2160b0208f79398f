/**
 * The answers /api/messages gives to requests it does not run: a fixed text per status, in French
 * and English, never the reason (that goes to the log, one line per request).
 */
import type { Response } from 'restify';
import type { Logger } from '../logger.js';

const BODIES: Record<number, { error: string; message: string }> = {
  400: { error: 'bad_request', message: 'Ce n’est pas une activité Bot Framework lisible / not a readable Bot Framework activity' },
  401: { error: 'unauthorized', message: 'Non autorisé / unauthorized' },
  408: { error: 'request_timeout', message: 'Le corps de la requête est arrivé trop lentement / the request body came too slowly' },
  413: { error: 'payload_too_large', message: 'Corps trop volumineux (1 Mio au plus) / body too large (1 MiB at most)' },
  415: {
    error: 'unsupported_media_type',
    message: 'Seul du JSON (application/json, UTF-8) non compressé est accepté / only uncompressed JSON (application/json, UTF-8) is accepted',
  },
  503: { error: 'unavailable', message: 'Authentification momentanément impossible, réessayez / authentication temporarily unavailable, retry' },
};

export function refuse({ res, status, reason, logger }: { res: Response; status: number; reason: string; logger: Logger }): void {
  logger.warn({ status, reason }, 'request refused');
  if (res.headersSent) return;
  // The body may be unread (415, 413, 408): closing is cheaper than reading what was refused.
  if (status === 408 || status === 413 || status === 415) res.setHeader('connection', 'close');
  if (status === 503) res.setHeader('retry-after', '30');
  res.send(status, BODIES[status] ?? BODIES[400]);
}
