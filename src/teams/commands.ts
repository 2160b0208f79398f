/**
 * Reading a command from what the user typed or clicked, by any feature's verb table (the router
 * holds them all): typed words in French and English, and the payload a card button sends back.
 */
import { z } from 'zod';
import type { Messages } from '../i18n/messages.js';

const basePayload = z
  .object({
    verb: z.string().min(1).max(64),
    competenceId: z.string().max(10).optional(),
    assessmentId: z.string().max(64).optional(),
    challengeId: z.string().max(80).optional(),
    code: z.string().max(40).optional(),
    division: z.string().max(40).optional(),
    uaj: z.string().max(12).optional(),
    membershipId: z.coerce.number().int().positive().optional(),
    studentId: z.string().max(64).optional(),
    language: z.string().max(20).optional(),
    importId: z.string().max(64).optional(),
  })
  .passthrough();

/** What a card button sends back (Action.Execute data or Action.Submit value), or a typed command. */
export type CardPayload = z.infer<typeof basePayload>;

/** The payload schema of a set of verbs: any other verb is refused like a malformed payload. */
export function payloadSchema(verbs: readonly string[]) {
  const known = new Set(verbs);
  return basePayload.refine((p) => known.has(p.verb), { message: 'unknown verb', path: ['verb'] });
}

/**
 * Who a verb is for: students (their tests, their account link), staff (teachers and referents),
 * referents only. A verb without one is for everyone (help, language, a code received).
 */
export type Audience = 'student' | 'staff' | 'referent';

/** The user a card or a help is made for: a student, a teacher, a referent. */
export type Role = 'student' | 'teacher' | 'referent';

/** Whether a verb is offered to a role: staff verbs to staff, student verbs to students. */
export function offeredTo(spec: CommandSpec, role: Role): boolean {
  if (!spec.audience) return true;
  if (spec.audience === 'student') return role === 'student';
  if (spec.audience === 'staff') return role !== 'student';
  return role === 'referent';
}

/** One line of a feature's verb table: how it is typed, and where it is listed. */
export interface CommandSpec {
  /** Who it is for (the help card and the welcome offer it to them only); none: everyone. */
  audience?: Audience;
  /** Words that start the command when typed (lower case, without accents); empty = buttons only. */
  words: { fr: string[]; en: string[] };
  /** A message that is only this (trimmed) is this command, e.g. a bare invitation code. */
  bare?: RegExp;
  /** What the words after the command word add to the payload (a code, a class, a UAJ). */
  rest?: (rest: string) => Partial<CardPayload>;
  /** Line of the help card; commands without one are not listed. */
  help?: (t: Messages) => string;
  /** The manifest's command list (Teams shows at most 10 per scope). */
  manifest?: { title: string; description: string };
}

export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim();
}

// Any number.number, so that « commencer 9.9 » is told that 9.9 does not exist.
const COMPETENCE_ID = /\b(\d{1,2})\s*[.,]\s*(\d{1,2})\b/;

/** A typed message (mentions already removed) to a payload, or null when no command starts with its first word. */
export function parseTextCommand(text: string, commands: Readonly<Record<string, CommandSpec>>): CardPayload | null {
  const plain = text.trim();
  const entries = Object.entries(commands);
  const bare = entries.find(([, spec]) => spec.bare?.test(plain));
  if (bare) return { verb: bare[0], ...bare[1].rest?.(plain) };
  const normalized = normalizeText(plain);
  const [first = ''] = normalized.split(/\s+/);
  const found = entries.find(([, spec]) => spec.words.fr.includes(first) || spec.words.en.includes(first));
  if (!found) return null;
  const [verb, spec] = found;
  const id = COMPETENCE_ID.exec(normalized.slice(first.length));
  const rest = plain.split(/\s+/).slice(1).join(' ');
  return { verb, ...(id ? { competenceId: `${id[1]}.${id[2]}` } : {}), ...(rest ? spec.rest?.(rest) : {}) };
}

/** The card's inputs, without our own keys: each input id starts with the prefix. */
export function cardInputs(payload: Record<string, unknown>, prefix: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(payload)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  );
}
