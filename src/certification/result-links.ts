/**
 * Signed, expiring links to one class's results CSV of a published session (the referent's summary
 * card carries one per class). The token is signed over the session, the school and the class: a
 * link opens that class of that school only, and no one can stretch it or move it to another.
 */
import { randomBytes } from 'node:crypto';
import { linkSigner, type LinkCheck } from '../signed-links.js';

/** One school's class in a session: what a link opens. */
export interface ClassRef {
  sessionId: string;
  schoolId: string;
  division: string;
}

export interface ResultLinks {
  /** The CSV's signed URL, valid `ttlHours`; null without PUBLIC_URL (the card says the administrator must set it). */
  url(ref: ClassRef): string | null;
  check(ref: ClassRef, token: string): LinkCheck;
  ttlHours: number;
}

const idOf = (ref: ClassRef) => `${ref.sessionId}:${ref.schoolId}:${ref.division}`;

export function createResultLinks({ secret, publicUrl, ttlHours, clock }: { secret: string | undefined; publicUrl: string | undefined; ttlHours: number; clock: () => Date }): ResultLinks {
  // The key of the other links when set (one secret to keep); a purpose of its own, so that no other token opens a CSV.
  const signer = linkSigner({ key: secret ?? randomBytes(32).toString('hex'), purpose: 'certification-results', clock });
  return {
    url: (ref) =>
      publicUrl ? `${publicUrl}/certification/results/${ref.sessionId}/${ref.schoolId}/${encodeURIComponent(ref.division)}/${signer.token(idOf(ref), ttlHours)}.csv` : null,
    check: (ref, token) => signer.check(idOf(ref), token),
    ttlHours,
  };
}
