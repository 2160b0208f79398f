/**
 * Signed links to an import's full report. The expiry travels in the token, under the signature:
 * nothing to store, and no one can stretch it.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Logger } from '../logger.js';

export type ReportLinkCheck = 'valid' | 'expired' | 'invalid';

export interface ReportLinks {
  /** Signed, unguessable link to an import's report, valid `ttlHours` from now; null without a public URL. */
  reportUrl(importId: string): string | null;
  /** Whether the token of a report link is ours and for this import (invalid), and still in time (expired). */
  reportLink(importId: string, token: string): ReportLinkCheck;
}

export function createReportLinks({
  secret,
  publicUrl,
  ttlHours,
  clock,
  logger,
}: {
  secret: string | undefined;
  publicUrl: string | undefined;
  ttlHours: number;
  clock: () => Date;
  logger: Logger;
}): ReportLinks {
  if (!secret) logger.warn('REPORT_SECRET is not set: import report links stop working when the process restarts');
  const key = secret ?? randomBytes(32).toString('hex');
  const signature = (id: string, expires: string) => createHmac('sha256', key).update(`import-report:${id}:${expires}`).digest('hex').slice(0, 40);
  const token = (id: string) => {
    const expires = String(Math.floor(clock().getTime() / 1000) + ttlHours * 3600);
    return `${expires}-${signature(id, expires)}`;
  };
  return {
    reportUrl: (id) => (publicUrl ? `${publicUrl}/reports/imports/${id}/${token(id)}` : null),
    reportLink(id, given) {
      const parts = /^(\d{1,12})-([0-9a-f]{40})$/.exec(given);
      if (!parts) return 'invalid';
      // Constant time: the comparison must not tell how much of a forged signature was right.
      if (!timingSafeEqual(Buffer.from(signature(id, parts[1]!)), Buffer.from(parts[2]!))) return 'invalid';
      return Number(parts[1]) * 1000 > clock().getTime() ? 'valid' : 'expired';
    },
  };
}
