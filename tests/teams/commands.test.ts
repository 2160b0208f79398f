/** Layer: the chat edge's verb tables, which the router, the help card and the manifest all read. */
import { expect, test } from 'vitest';
import { messages } from '../../src/i18n/messages.js';
import { parseTextCommand } from '../../src/teams/commands.js';
import { COMMANDS, helpLines, VERBS } from '../../src/teams/router.js';

test('no typed word starts two commands', () => {
  const words = VERBS.flatMap((v) => [...new Set([...COMMANDS[v].words.fr, ...COMMANDS[v].words.en])]);
  expect(new Set(words).size).toBe(words.length);
});

test.each([
  ['commencer 1.1', { verb: 'start', competenceId: '1.1' }],
  ['Start 2,3 please', { verb: 'start', competenceId: '2.3' }],
  ['  RETENTER   4.2 ', { verb: 'improve', competenceId: '4.2' }],
  ['zéro 1.2', { verb: 'reset', competenceId: '1.2' }],
  ['découvrir', { verb: 'discover' }],
  ['code abcd-efgh', { verb: 'code', code: 'abcd-efgh' }],
  ['ABCD-EFGH', { verb: 'code', code: 'ABCD-EFGH' }],
  ['classe 5D', { verb: 'division', division: '5D' }],
  ['classes 0860001A', { verb: 'classes', uaj: '0860001A' }],
])('%s', (text, expected) => {
  expect(parseTextCommand(text, COMMANDS)).toEqual(expected);
});

test('free text that is no command is not taken for one', () => {
  for (const text of ['je veux commencer', 'bonjour1', 'ABCD-EFGH-IJKL', '', '1.1']) expect(parseTextCommand(text, COMMANDS)).toBeNull();
});

test('a typed campaign code joins, however spaced or cased; the other typed codes keep their verbs', () => {
  for (const text of ['QZWBPK347', ' qzw bpk 347 ', 'qzwbpk-347', 'Qz Wb Pk 3 4 7']) expect(parseTextCommand(text, COMMANDS)).toEqual({ verb: 'campaignJoin', code: text.trim() });
  expect(parseTextCommand('KTBX47 Léa Martin 04/05/2011', COMMANDS)).toMatchObject({ verb: 'certCheckIn', code: 'KTBX47' });
  expect(parseTextCommand('ABCD-EFGH', COMMANDS)).toMatchObject({ verb: 'code' });
  // Near misses: too short, a letter left out of codes (i, l, o), a digit out of 2–9, text after it.
  for (const text of ['QZWBPK34', 'QZWBPI347', 'QZWBPK317', 'QZWBPK347 merci', 'QZWBPK3477']) expect(parseTextCommand(text, COMMANDS)).toBeNull();
});

test('the help card lists the typed commands of the reader’s role, in both languages', () => {
  expect(helpLines(messages('fr'), 'student')).toContain('commencer 1.1 : commencer ou reprendre une compétence');
  expect(helpLines(messages('en'), 'student')).toContain('start 1.1: start or resume a competence');
  expect(helpLines(messages('fr'), 'student')).toHaveLength(helpLines(messages('en'), 'student').length);
  // A student never reads a staff command; a teacher reads the staff ones but not the referent's.
  expect(helpLines(messages('fr'), 'student').join('\n')).not.toMatch(/^(classes|inviter|droits|importer) /m);
  expect(helpLines(messages('fr'), 'teacher').join('\n')).toMatch(/^classes /m);
  expect(helpLines(messages('fr'), 'teacher').join('\n')).not.toMatch(/^(inviter|droits|importer) /m);
  expect(helpLines(messages('fr'), 'referent').join('\n')).toMatch(/^importer /m);
});
