/**
 * Layer: whole chat on the real item bank (content/), partix-bayes (the default). Results a student
 * can trust (issue 11): the order of the questions is the one a student met, forced by setting the
 * pending question before each "reprendre"; everything else is the bot's own doing.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cardActions, startTestBot, Student, type TestBot } from '../helpers/chat.js';
import { Conversation, replyText } from '../helpers/conversation.js';
import { inputsFor } from '../helpers/answers.js';
import { answerChallenge } from '../../src/assessment/answer-challenge.js';
import { startCompetence } from '../../src/assessment/start-competence.js';
import { summarize } from '../../src/assessment/test-step.js';

const CONTENT_DIR = fileURLToPath(new URL('../../content', import.meta.url));

type Step = [challengeId: string, answer: 'right' | 'wrong' | 'skip'];

/** Plays the steps in this order, each shown by "reprendre 1.1"; returns every reply's text. */
async function playInOrder(bot: TestBot, chat: Conversation, competenceId: string, steps: Step[]): Promise<string[]> {
  const texts: string[] = [];
  await chat.play([[`commencer ${competenceId}`, [/Question/]]]);
  for (const [challengeId, answer] of steps) {
    const running = await bot.app.store.db.selectFrom('assessments').select('id').where('competence_id', '=', competenceId).where('state', '=', 'started').executeTakeFirst();
    expect(running, `the test is still running before ${challengeId}`).toBeDefined();
    await bot.app.assessments.assessments.setPending(running!.id, challengeId, bot.clock.now);
    await chat.step(`reprendre ${competenceId}`);
    expect(chat.pendingChallenge().id).toBe(challengeId);
    const reply = await chat.step(answer === 'skip' ? { click: 'skip' } : { click: 'answer', answer });
    texts.push(replyText(reply));
  }
  return texts;
}

describe('results a student can trust (real bank, partix-bayes)', () => {
  let bot: TestBot;
  let chat: Conversation;
  beforeEach(async () => {
    bot = await startTestBot({ CONTENT_DIR, ADAPTIVE_STRATEGY: 'partix-bayes' });
    chat = new Conversation(bot, new Student(bot));
  });
  afterEach(async () => bot.close());

  test('issue 11’s sequence in 1.1: a tube failed or skipped at every level is not credited, and advice lists what was failed', async () => {
    const texts = await playInOrder(bot, chat, '1.1', [
      ['c11-veille-5-a', 'right'],
      ['c11-fiabilite-4-b', 'wrong'],
      ['c11-requetes-4-a', 'right'],
      ['c11-fiabilite-3-b', 'right'],
      ['c11-resultats-5-a', 'skip'],
      ['c11-requetes-5-a', 'right'],
      ['c11-resultats-3-b', 'wrong'],
      ['c11-veille-6-a', 'right'],
      ['c11-resultats-1-b', 'wrong'],
    ]);
    // The test ends there: c11-fiabilite-4-a, a variant of a skill whose correction was shown, is not asked.
    const summary = texts.at(-1)!;
    expect(summary).toMatch(/Compétence 1\.1 terminée/);
    expect(summary).toMatch(/Niveau 3 · 30 pix/);
    expect(summary).not.toMatch(/Aucune erreur/);
    const framework = bot.app.framework;
    for (const skillId of ['@rechercheResultats1', '@rechercheFiabilite4']) expect(summary).toContain(framework.skills.get(skillId)!.description);
    // No level announced on the way is taken back: the one level announced is the one kept.
    expect(texts.join('\n').match(/Niveau \d atteint/g)).toEqual(['Niveau 3 atteint']);
    const test = await bot.app.store.db.selectFrom('assessments').select('user_id').where('competence_id', '=', '1.1').executeTakeFirstOrThrow();
    const knowledge = await bot.app.assessments.assessments.knowledge(test.user_id, '1.1');
    for (const skillId of ['@rechercheResultats1', '@rechercheResultats3', '@rechercheResultats5']) expect(knowledge.get(skillId)?.status).toBe('invalidated');
  });

  test('a result that outweighs an answer says why, in plain words, and still advises the skill failed', async () => {
    const texts = await playInOrder(bot, chat, '1.1', [
      ['c11-requetes-2-a', 'right'],
      ['c11-requetes-4-a', 'right'],
      ['c11-requetes-5-a', 'right'],
      ['c11-requetes-1-b', 'wrong'],
      ['c11-veille-5-a', 'right'],
    ]);
    const summary = texts.at(-1)!;
    expect(summary).toMatch(/Compétence 1\.1 terminée/);
    const tube = bot.app.framework.tubes.get('@rechercheRequetes')!;
    expect(summary).toContain(`Une erreur isolée au niveau 1 en « ${tube.title} » n’a pas été retenue : vos bonnes réponses aux niveaux 2, 4 et 5 montrent que vous maîtrisez les bases de ce sujet.`);
    expect(summary).toContain(bot.app.framework.skills.get('@rechercheRequetes1')!.description);
    expect(summary).not.toMatch(/Aucune erreur/);
  });
});

describe('the summary of a test just ended is the one stored (real bank)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot({ CONTENT_DIR, ADAPTIVE_STRATEGY: 'partix-bayes' });
  });
  afterEach(async () => bot.close());

  test('the turn that ends a test tells the summary the store holds, from what it has just written', async () => {
    const deps = bot.app.assessments;
    const { user } = await bot.app.users.identify({ teamsUserId: '29:summary' }, bot.clock.now);
    let step = await startCompetence({ userId: user.id, competenceId: '1.1', deps });
    for (let n = 0; step.challenge; n++) {
      const challenge = step.challenge;
      const outcome = await answerChallenge({
        userId: user.id,
        assessmentId: step.assessment.id,
        challengeId: challenge.id,
        raw: inputsFor(challenge, n % 3 === 1 ? 'wrong' : 'right'),
        skip: n % 5 === 3,
        activityId: `act-${n}`,
        deps,
      });
      step = outcome.next;
    }
    const told = step.summary!;
    const stored = await summarize(deps, (await deps.assessments.find(step.assessment.id))!, await deps.assessments.answers(step.assessment.id));
    expect(told).toEqual({ ...stored, confidence: told.confidence });
    expect(told.answered).toBeGreaterThan(2);
  });
});

describe('every suggestion of a summary is an action that works (test bank)', () => {
  let bot: TestBot;
  let chat: Conversation;
  beforeEach(async () => {
    bot = await startTestBot({ ADAPTIVE_STRATEGY: 'partix-bayes' });
    chat = new Conversation(bot, new Student(bot));
  });
  afterEach(async () => bot.close());

  test('at the highest level the summary does not send the student to "retenter", which has nothing to improve', async () => {
    await chat.play([['commencer 2.1', [/Question 1/]]]);
    await chat.answerUntilDone(() => 'right');
    const summary = replyText(chat.last);
    expect(summary).toMatch(/Niveau 5 · 40 pix/);
    expect(summary).toMatch(/Estimation sûre à \d+ %\./);
    expect(summary).not.toMatch(/retente/i);
    expect(summary).toMatch(/Aucune erreur/);
    await chat.play([
      [{ advanceDays: 5 }, []],
      ['retenter 2.1', [/rien à améliorer/]],
    ]);
  });

  test("the summary's next step is the profile's: the test left in progress, else the first competence not started", async () => {
    const summaryActions = () => cardActions(chat.cards.at(-1)!.card).map((a) => a.title);
    // 3.1 started and left; 1.1 finished: the summary offers to resume 3.1, as the profile does.
    await chat.play([
      ['commencer 3.1', [/Question 1/]],
      ['commencer 1.1', [/Question 1/]],
    ]);
    await chat.answerUntilDone(() => 'wrong');
    expect(replyText(chat.last)).toMatch(/Compétence 1\.1 terminée/);
    expect(summaryActions()[0]).toBe('Reprendre 3.1');
    await chat.play([['profil', [/Reprendre 3\.1|3\.1/]]]);
    // 3.1 finished too: the first competence not started, in the framework's order.
    await chat.play([['commencer 3.1', [/Question/]]]);
    await chat.answerUntilDone(() => 'right');
    expect(replyText(chat.last)).toMatch(/Compétence 3\.1 terminée/);
    expect(summaryActions()[0]).toBe('Commencer 1.2');
  });

  test('below it, the summary says when to try again, and "retenter" then starts a new pass', async () => {
    await chat.play([['commencer 4.2', [/Question 1/]]]);
    await chat.answerUntilDone(() => 'wrong');
    expect(replyText(chat.last)).toMatch(/Vous pourrez retenter cette compétence dans 4 jours/);
    expect(replyText(chat.last)).not.toMatch(/Aucune erreur/);
    bot.clock.advanceDays(4);
    await chat.play([['retenter 4.2', [/Question 1/]]]);
  });
});

describe('unseen variants first (test bank)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot({ ADAPTIVE_STRATEGY: 'partix-bayes' });
  });
  afterEach(async () => bot.close());

  const askedIn = async (assessmentId: string) =>
    (await bot.app.store.db.selectFrom('answers').select('challenge_id').where('assessment_id', '=', assessmentId).orderBy('created_at').execute()).map((r) => r.challenge_id);
  /** Challenges asked again although their skill had a variant the student had not seen. */
  const needlessRepeats = (asked: string[], seen: Set<string>) =>
    asked.filter((id) => {
      if (!seen.has(id)) return false;
      const skill = bot.app.framework.skills.get(bot.app.framework.challenges.get(id)!.skillId)!;
      return skill.challengeIds.some((other) => !seen.has(other) && bot.app.framework.challenges.get(other)!.status === 'validated');
    });

  test('after a reset, the new test asks no challenge again while its skill has a variant not seen yet', async () => {
    const chat = new Conversation(bot, new Student(bot));
    await chat.play([['commencer 1.1', [/Question 1/]]]);
    await chat.answerUntilDone((_, n) => (n % 2 ? 'right' : 'wrong'));
    const first = await bot.app.store.db.selectFrom('assessments').select('id').where('competence_id', '=', '1.1').executeTakeFirstOrThrow();
    const seen = new Set(await askedIn(first.id));
    bot.clock.advanceDays(7);
    await chat.play([['zéro 1.1', [/Remettre à zéro/]], [{ click: 'resetConfirm', competenceId: '1.1' }, [/remise à zéro/]], ['commencer 1.1', [/Question 1/]]]);
    await chat.answerUntilDone((_, n) => (n % 2 ? 'right' : 'wrong'));
    const second = await bot.app.store.db.selectFrom('assessments').select('id').where('competence_id', '=', '1.1').where('id', '<>', first.id).executeTakeFirstOrThrow();
    expect(needlessRepeats(await askedIn(second.id), seen)).toEqual([]);
  });

  test('a second discovery test shows challenges the first did not', async () => {
    const chat = new Conversation(bot, new Student(bot));
    await chat.play([['découvrir', [/5 questions faciles/]], [{ click: 'discoveryBegin' }, [/Question 1/]]]);
    await chat.answerUntilDone(() => 'right');
    // The test clock stands still: the second test starts a moment later, as it would for a student.
    bot.clock.advanceSeconds(60);
    await chat.play([['découvrir', [/5 questions faciles/]], [{ click: 'discoveryBegin' }, [/Question 1/]]]);
    await chat.answerUntilDone(() => 'right');
    const tests = await bot.app.store.db.selectFrom('assessments').select('id').where('kind', '=', 'discovery').orderBy('created_at').execute();
    expect(tests).toHaveLength(2);
    const seen = new Set(await askedIn(tests[0]!.id));
    // A discovery question is easy (level 2 at most) and untimed: one comes back only when its competence has no other.
    const framework = bot.app.framework;
    const unseenLeft = (id: string) =>
      [...framework.challenges.values()].some(
        (c) => c.competenceId === framework.challenges.get(id)!.competenceId && c.status === 'validated' && c.level <= 2 && !c.timer && !seen.has(c.id),
      );
    const again = (await askedIn(tests[1]!.id)).filter((id) => seen.has(id) && unseenLeft(id));
    expect(again).toEqual([]);
  });
});
