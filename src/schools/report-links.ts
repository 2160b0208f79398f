/**
 * Signed links to an import's full report. The expiry travels in the token, under the signature:
 * nothing to store, and no one can stretch it.
 */
import type { Logger } from '../logger.js';
import { linkSigner, type LinkCheck } from '../signed-links.js';

export type ReportLinkCheck = LinkCheck;

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
  const signer = linkSigner({ key: secret, purpose: 'import-report', clock });
  return {
    reportUrl: (id) => (publicUrl ? `${publicUrl}/reports/imports/${id}/${signer.token(id, ttlHours)}` : null),
    reportLink: (id, given) => signer.check(id, given),
  };
}
