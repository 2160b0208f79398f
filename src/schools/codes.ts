/** One-time codes (referent, teacher invitations): easy to read aloud and type, stored only as a hash. */
import { createHash, randomInt } from 'node:crypto';

// No 0/O, 1/I/L, 5/S, 2/Z: codes are read from a screen and typed on a phone.
const ALPHABET = 'ABCDEFGHJKMNPQRTUVWXY346789';

export function newCode(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** Typed codes are forgiving: case, spaces and dashes do not matter. */
export function normalizeCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function hashCode(code: string): string {
  return createHash('sha256').update(normalizeCode(code)).digest('hex');
}
