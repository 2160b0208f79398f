/**
 * The card walker's checks, shared by the card tests: the official SDK parses the card with no
 * warning; no unbound expression; Teams' size; every button is a verb of the router's tables whose
 * data its payload schema accepts, all offered to one role; no number split from its unit.
 */
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import { NUMBER_SPACE_UNIT } from '../../src/i18n/spaces.js';
import { offeredTo, type Role } from '../../src/teams/commands.js';
import { cardPayloadSchema, COMMANDS, type Verb } from '../../src/teams/router.js';
import { cardActions } from '../helpers/chat.js';

// The SDK's ESM build does not load under Node; its UMD bundle parses without a DOM.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

export function sdkProblems(card: object): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const e of parsed.validateProperties().validationEvents) problems.push(e.message);
  return problems;
}

export function checkCard(card: object, what: string) {
  expect(sdkProblems(card), what).toEqual([]);
  const json = JSON.stringify(card);
  expect(json, `${what}: unbound template expression`).not.toContain('${');
  expect(Buffer.byteLength(json), `${what}: size`).toBeLessThan(28 * 1024);
  expect((card as { version: string }).version).toBe('1.5');
  walkActions(card, what);
  expect(JSON.stringify(card).match(NUMBER_SPACE_UNIT), `${what}: a number and its unit split by a plain space`).toBeNull();
}

/** The roles a card may be sent to: those offered every verb of its buttons. */
export function rolesOf(card: object): Role[] {
  const verbs = cardActions(card as Record<string, unknown>).map((a) => a.verb as Verb);
  return (['student', 'teacher', 'referent'] as Role[]).filter((role) => verbs.every((v) => COMMANDS[v] && offeredTo(COMMANDS[v], role)));
}

export function walkActions(card: object, what: string) {
  for (const a of cardActions(card as Record<string, unknown>)) {
    const parsed = cardPayloadSchema.safeParse(a.data);
    expect(parsed.success, `${what}: "${a.title}" sends ${JSON.stringify(a.data)}, which the router refuses`).toBe(true);
    expect(a.data.verb, `${what}: "${a.title}"`).toBe(a.verb);
  }
  expect(rolesOf(card), `${what}: its buttons are for no single role (${cardActions(card as Record<string, unknown>).map((a) => a.verb)})`).not.toEqual([]);
}

