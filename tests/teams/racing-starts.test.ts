/**
 * Layer: whole chat, over real HTTP against the real server, on SQLite and on PostgreSQL. A campaign
 * pushes "Commencer" to a class: clicks of one student arrive together (double clicks, several Teams
 * clients). Whatever arrives together, the student has one running test per competence (or sitting)
 * and every reply shows the same pending question. On PostgreSQL the queries of concurrent turns
 * interleave (a test left 3 running tests out of 4 clicks before the unique indexes); on SQLite they
 * cannot in one process (the driver is synchronous), the database keeps the rule all the same.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { AssessmentKind } from '../../src/assessment/model.js';
import { actionNamed, cardActions, startTestBot, Student, type BotReply, type TestBot } from '../helpers/chat.js';
import { Conversation, replyText } from '../helpers/conversation.js';
import { freshDatabase, postgresAvailable } from '../helpers/postgres.js';

const pgUp = await postgresAvailable();
if (!pgUp) console.warn('PostgreSQL is not reachable at 127.0.0.1:5432: the racing clicks on PostgreSQL are skipped');

let bot: TestBot;
let chat: Conversation;

describe.each(['sqlite', 'postgres'])('%s', (dialect) => {
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (dialect === 'postgres' && !pgUp) return;
    const database = dialect === 'postgres' ? await freshDatabase('partix_racing') : null;
    drop = database?.drop;
    bot = await startTestBot(database ? { DATABASE_URL: database.url } : {});
  });
  afterAll(async () => {
    await bot?.close();
    await drop?.();
  });
  beforeEach(async () => {
    if (dialect === 'postgres' && !pgUp) return;
    chat = new Conversation(bot, new Student(bot));
    await chat.student.install();
  });
  const it = dialect === 'postgres' && !pgUp ? test.skip : test;
  clicks(it);
});

async function userId(): Promise<string> {
  return (await bot.app.users.identify({ teamsUserId: chat.student.teamsId }, bot.clock.now)).user.id;
}

async function runningTests(kind: AssessmentKind, competenceId: string | null) {
  let query = bot.app.store.db.selectFrom('assessments').selectAll().where('user_id', '=', await userId()).where('kind', '=', kind).where('state', '=', 'started');
  query = competenceId ? query.where('competence_id', '=', competenceId) : query.where('competence_id', 'is', null);
  return query.execute();
}

/** The question cards of all the replies (plus any left with the connector), as the student sees them. */
function questionsShown(replies: BotReply[]): Array<{ assessmentId: unknown; challengeId: unknown }> {
  const late = bot.connector.drain(`a:conv-${chat.student.teamsId}`).sent.flatMap((a) => a.attachments ?? []).map((a) => a.content);
  return [...replies.flatMap((r) => r.cards.map((c) => c.card)), ...late]
    .filter((card) => cardActions(card).some((a) => a.verb === 'answer'))
    .map((card) => {
      const { data } = actionNamed(card, 'answer');
      return { assessmentId: data.assessmentId, challengeId: data.challengeId };
    });
}

async function together(n: number, send: () => Promise<BotReply>): Promise<BotReply[]> {
  const replies = await Promise.all(Array.from({ length: n }, send));
  for (const r of replies) expect(r.status).toBeLessThan(300);
  for (const r of replies) expect(replyText(r)).not.toMatch(/Oups/);
  return replies;
}

function clicks(test: (name: string, body: () => Promise<void>) => void) {
  test('four "Commencer" at once start one test, and all four show its same first question', async () => {
    const replies = await together(4, () => chat.student.say('commencer 1.1'));
    expect(await runningTests('competence', '1.1')).toHaveLength(1);
    const [running] = await runningTests('competence', '1.1');
    const shown = questionsShown(replies);
    expect(shown).toHaveLength(4);
    expect(new Set(shown.map((q) => JSON.stringify(q)))).toEqual(new Set([JSON.stringify({ assessmentId: running!.id, challengeId: running!.pending_challenge_id })]));
  });

  test('the button (Action.Execute) clicked four times at once: one test', async () => {
    const replies = await together(4, () => chat.student.execute({ verb: 'start', competenceId: '2.1' }));
    expect(await runningTests('competence', '2.1')).toHaveLength(1);
    expect(new Set(questionsShown(replies).map((q) => q.assessmentId)).size).toBe(1);
  });

  test('"retenter" clicked four times at once: one new pass, the same question for all four', async () => {
    await chat.play([['commencer 1.2', []]]);
    await chat.answerUntilDone((_, n) => (n % 2 === 0 ? 'right' : 'wrong'));
    bot.clock.advanceDays(4);
    const replies = await together(4, () => chat.student.say('retenter 1.2'));
    const running = await runningTests('competence', '1.2');
    expect(running).toHaveLength(1);
    expect(running[0]!.pass).toBe(2);
    expect(new Set(questionsShown(replies).map((q) => `${q.assessmentId} ${q.challengeId}`))).toEqual(new Set([`${running[0]!.id} ${running[0]!.pending_challenge_id}`]));
  });

  test('a reset confirmed twice at once is done once: the second is told there is nothing left to reset', async () => {
    await chat.play([['commencer 1.3', []]]);
    await chat.answerUntilDone(() => 'right');
    bot.clock.advanceDays(7);
    await chat.play([['zéro 1.3', [/Remettre à zéro la compétence 1\.3/]]]);
    const texts = (await together(2, () => chat.student.execute({ verb: 'resetConfirm', competenceId: '1.3' }))).map(replyText);
    expect(texts.filter((t) => /La compétence 1\.3 est remise à zéro/.test(t))).toHaveLength(1);
    expect(texts.filter((t) => /La compétence 1\.3 n’a rien à remettre à zéro/.test(t))).toHaveLength(1);
    await chat.play([['profil', [/0 pix sur 640/]]]);
  });

  for (const [verb, kind] of [
    ['positioningBegin', 'positioning'],
    ['discoveryBegin', 'discovery'],
  ] as const) {
    test(`"Commencer" (${verb}) four times at once: one sitting, one first question`, async () => {
      const replies = await together(4, () => chat.student.execute({ verb }));
      expect(await runningTests(kind, null)).toHaveLength(1);
      const shown = questionsShown(replies);
      expect(shown).toHaveLength(4);
      expect(new Set(shown.map((q) => JSON.stringify(q))).size).toBe(1);
    });
  }
}
