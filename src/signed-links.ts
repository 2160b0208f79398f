/**
 * Signed, expiring link tokens (an import's report, a class's chart): the expiry travels in the
 * token, under an HMAC of the purpose, the id and the expiry. Nothing to store, and no one can
 * stretch a link or move it to another id or purpose.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type LinkCheck = 'valid' | 'expired' | 'invalid';

export interface LinkSigner {
  token(id: string, ttlHours: number): string;
  check(id: string, token: string): LinkCheck;
}

/** Without a key (REPORT_SECRET unset), one drawn for this process: its links stop working when it restarts. */
export function linkSigner({ key, purpose, clock }: { key: string | undefined; purpose: string; clock: () => Date }): LinkSigner {
  const secret = key ?? randomBytes(32).toString('hex');
  const signature = (id: string, expires: string) => createHmac('sha256', secret).update(`${purpose}:${id}:${expires}`).digest('hex').slice(0, 40);
  return {
    token(id, ttlHours) {
      const expires = String(Math.floor(clock().getTime() / 1000) + ttlHours * 3600);
      return `${expires}-${signature(id, expires)}`;
    },
    check(id, given) {
      const parts = /^(\d{1,12})-([0-9a-f]{40})$/.exec(given);
      if (!parts) return 'invalid';
      // Constant time: the comparison must not tell how much of a forged signature was right.
      if (!timingSafeEqual(Buffer.from(signature(id, parts[1]!)), Buffer.from(parts[2]!))) return 'invalid';
      return Number(parts[1]) * 1000 > clock().getTime() ? 'valid' : 'expired';
    },
  };
}
