/**
 * Layer: the chat edge's router, over the real use cases and SQLite. Every verb of every feature's
 * table reaches a handler of its own feature, and each gets what a user can read: a reply, or a
 * refusal worded for them, never "no handler" nor an unexpected error. A handler table that misses
 * a verb does not compile (the @ts-expect-error lines below are checked by `tsc`, part of npm test).
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AssessmentDeps } from '../../src/assessment/deps.js';
import { messages } from '../../src/i18n/messages.js';
import { ACCOUNT_VERBS } from '../../src/teams/account-commands.js';
import { ASSESSMENT_COMMANDS, ASSESSMENT_VERBS, type AssessmentVerb } from '../../src/teams/assessment-commands.js';
import { assessmentHandlers } from '../../src/teams/assessment-handlers.js';
import { userMessageFor } from '../../src/teams/error-messages.js';
import { createRouter, VERBS, type Router } from '../../src/teams/router.js';
import { SCHOOL_COMMANDS, SCHOOL_VERBS, type SchoolVerb } from '../../src/teams/school-commands.js';
import { CERTIFICATION_VERBS } from '../../src/teams/certification-commands.js';
import { CAMPAIGN_VERBS } from '../../src/teams/campaign-commands.js';
import { schoolHandlers, type SchoolTurnDeps } from '../../src/teams/school-handlers.js';
import type { CommandSpec, EdgeTools, Feature, Handler, Turn } from '../../src/teams/turn.js';
import { startTestBot, type TestBot } from '../helpers/chat.js';

let bot: TestBot;
let router: Router;

beforeEach(async () => {
  bot = await startTestBot();
  const { app } = bot;
  router = createRouter({
    account: { users: app.users, assessment: app.assessments, memberships: (id) => app.imports.schools.staff.memberships(id), clock: app.clock },
    assessment: app.assessments,
    school: { imports: app.imports, link: app.link, users: app.users, reportUrl: app.reportUrl },
    certification: { certification: app.certification, reminders: app.reminders },
    campaign: app.campaigns,
  });
});
afterEach(async () => bot.close());

async function turnFor(verb: string): Promise<Turn> {
  const { app } = bot;
  const { user } = await app.users.identify({ teamsUserId: `29:router-${verb}`, name: 'Léa Martin', locale: 'fr-FR' }, app.clock());
  const t = messages('fr');
  return { user, render: { cards: app.cards, t, lang: 'fr', locale: 'fr-FR', framework: app.framework }, payload: { verb }, activityId: null, replyToId: null, activity: { tenantId: 'tenant-1', mentions: [] } };
}

/** What the user reads: the reply's texts and cards, or the refusal's message. */
async function outcome(verb: string): Promise<{ replied: boolean; text: string }> {
  try {
    const reply = await router.route(await turnFor(verb));
    return { replied: true, text: JSON.stringify(reply) };
  } catch (error) {
    const text = userMessageFor(error, messages('fr'));
    if (text === null) throw error;
    return { replied: false, text };
  }
}

describe('the router', () => {
  test('knows every verb of every table, each once, in the tables’ order', () => {
    expect(VERBS).toEqual([...ACCOUNT_VERBS, ...ASSESSMENT_VERBS, ...SCHOOL_VERBS, ...CERTIFICATION_VERBS, ...CAMPAIGN_VERBS]);
    expect(new Set(VERBS).size).toBe(VERBS.length);
  });

  test.each(VERBS.map((v) => [v]))('reaches the handler of %s: a reply or a worded refusal', async (verb) => {
    const result = await outcome(verb);
    expect(result.text).not.toBe('');
  });

  test('routes each verb to its own feature: a student is refused school actions as a student, and gets assessment replies', async () => {
    expect(await outcome('imports')).toEqual({ replied: false, text: messages('fr').school.errNotReferent });
    expect(await outcome('rights')).toEqual({ replied: false, text: messages('fr').school.errNotReferent });
    expect((await outcome('profile')).replied).toBe(true);
    expect(await outcome('start')).toEqual({ replied: false, text: messages('fr').errMissingCompetence });
  });

  test('refuses a verb no table has, rather than answering something else', async () => {
    await expect(router.route(await turnFor('campaign'))).rejects.toThrow(/no handler for verb campaign/);
  });
});

describe('a feature’s tables, checked by the compiler', () => {
  test('a handler table or a verb table missing a verb does not compile', () => {
    const withoutAnswer = (deps: AssessmentDeps) => {
      const { answer: _answer, ...rest } = assessmentHandlers(deps);
      return rest;
    };
    const withoutImport = (deps: SchoolTurnDeps) => {
      const { import: _import, ...rest } = schoolHandlers(deps);
      return rest;
    };
    const { skip: _skip, ...commandsWithoutSkip } = ASSESSMENT_COMMANDS;
    // @ts-expect-error: the table has no handler for 'answer'
    const noAnswer: Feature<AssessmentVerb, AssessmentDeps> = { commands: ASSESSMENT_COMMANDS, handlers: withoutAnswer };
    // @ts-expect-error: the table has no handler for 'import'
    const noImport: Feature<SchoolVerb, SchoolTurnDeps> = { commands: SCHOOL_COMMANDS, handlers: withoutImport };
    // @ts-expect-error: the verb table has no line for 'skip'
    const noSkip: Feature<AssessmentVerb, AssessmentDeps> = { commands: commandsWithoutSkip, handlers: assessmentHandlers };
    // The complete ones compile: the same shapes with nothing removed.
    const complete: Feature<AssessmentVerb, AssessmentDeps> = { commands: ASSESSMENT_COMMANDS, handlers: assessmentHandlers };
    const handlers: Record<SchoolVerb, Handler> = schoolHandlers({} as SchoolTurnDeps);
    const spec: CommandSpec = SCHOOL_COMMANDS.code;
    expect([noAnswer, noImport, noSkip, complete].every((f) => typeof f.handlers === 'function')).toBe(true);
    expect(Object.keys(handlers).sort()).toEqual([...SCHOOL_VERBS].sort());
    expect(spec.words.fr).toContain('code');
  });
});
