/**
 * Layer: whole chat over HTTP. Retries, stale or forged cards, empty and huge answers, garbage
 * payloads and odd activities: each gets a clear reply or is ignored, and nothing recorded is lost.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { actionNamed, asRead, cardText, startTestBot, Student, type TestBot } from '../helpers/chat.js';
import { Conversation, inputsFor, replyText } from '../helpers/conversation.js';

let bot: TestBot;
let chat: Conversation;

beforeEach(async () => {
  // Input handling does not depend on the method; smart random opens 1.1 of the test bank on a
  // single-choice card, which the choice tests below need.
  bot = await startTestBot({ ADAPTIVE_STRATEGY: 'smart-random' });
  chat = new Conversation(bot, new Student(bot));
  await chat.play([['commencer 1.1', [/Question 1/]]]);
});
afterEach(async () => bot.close());

async function answersRecorded(): Promise<number> {
  const row = await bot.app.store.db.selectFrom('answers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

function pendingAction() {
  const { id, card } = chat.cardWith('answer');
  return { id, data: actionNamed(card, 'answer').data };
}

describe('retries and races', () => {
  test('Teams delivering the same Action.Execute twice records one answer and replays the same feedback', async () => {
    const { data } = pendingAction();
    const inputs = inputsFor(chat.pendingChallenge(), 'right');
    const first = await chat.student.execute(data, inputs, 'retried-activity-1');
    const second = await chat.student.execute(data, inputs, 'retried-activity-1');
    expect(replyText(first)).toMatch(/Bonne réponse/);
    expect(replyText(second)).toMatch(/Bonne réponse/);
    expect(await answersRecorded()).toBe(1);
  });

  test('the same Action.Submit delivered twice records one answer', async () => {
    const { id, data } = pendingAction();
    const inputs = inputsFor(chat.pendingChallenge(), 'wrong');
    await chat.student.submit(id, data, inputs, 'retried-activity-2');
    const again = await chat.student.submit(id, data, inputs, 'retried-activity-2');
    expect(again.status).toBe(200);
    expect(await answersRecorded()).toBe(1);
  });

  test('the same Action.Submit delivered twice posts the next question once, and corrects the card the same way', async () => {
    const { id, data } = pendingAction();
    const inputs = inputsFor(chat.pendingChallenge(), 'right');
    const first = await chat.student.submit(id, data, inputs, 'retried-activity-3');
    const again = await chat.student.submit(id, data, inputs, 'retried-activity-3');
    expect(first.cards.map((c) => cardText(c.card))).toEqual([expect.stringMatching(/Question 2/)]);
    expect(again.cards).toEqual([]);
    expect(again.updated.map((u) => cardText(u.card))).toEqual(first.updated.map((u) => cardText(u.card)));
    expect(replyText(again)).toMatch(/Bonne réponse/);
  });

  test('two clicks racing on the same card record one answer', async () => {
    const { data } = pendingAction();
    const inputs = inputsFor(chat.pendingChallenge(), 'right');
    const replies = await Promise.all([chat.student.execute(data, inputs), chat.student.execute(data, inputs), chat.student.execute(data, inputs)]);
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(await answersRecorded()).toBe(1);
    expect(replies.filter((r) => /Bonne réponse/.test(replyText(r)))).toHaveLength(1);
    expect(replies.filter((r) => /n’est plus active/.test(replyText(r)))).toHaveLength(2);
  });
});

describe('cards that are not the pending question', () => {
  test('answering an old card is refused politely and changes nothing', async () => {
    const old = pendingAction();
    const oldInputs = inputsFor(chat.pendingChallenge(), 'right');
    await chat.step({ click: 'answer', answer: 'right' });
    const pendingBefore = chat.pendingChallenge().id;
    const reply = await chat.student.execute(old.data, oldInputs);
    expect(replyText(reply)).toMatch(/Cette question n’est plus active/);
    expect(await answersRecorded()).toBe(1);
    const assessment = await bot.app.assessments.assessments.find(old.data.assessmentId as string);
    expect(assessment?.pendingChallengeId).toBe(pendingBefore);
  });

  test("another student's test is refused and changes nothing", async () => {
    const { data } = pendingAction();
    const intruder = new Student(bot);
    const reply = await intruder.execute(data, inputsFor(chat.pendingChallenge(), 'right'));
    expect(replyText(reply)).toMatch(/Je ne retrouve pas ce test/);
    expect(await answersRecorded()).toBe(0);
  });

  test('a forged challenge id is refused and changes nothing', async () => {
    const { data } = pendingAction();
    for (const challengeId of ['c11-alpha-6-a', 'does-not-exist', '../../etc/passwd']) {
      const reply = await chat.student.execute({ ...data, challengeId }, { choice: '1' });
      expect(replyText(reply)).toMatch(/Cette question n’est plus active/);
    }
    const reply = await chat.student.execute({ ...data, assessmentId: 'forged' }, { choice: '1' });
    expect(replyText(reply)).toMatch(/Je ne retrouve pas ce test/);
    expect(await answersRecorded()).toBe(0);
    await chat.play([[{ click: 'answer', answer: 'right' }, [/Bonne réponse/]]]);
  });
});

describe('answers', () => {
  test('an empty answer is refused, not scored, and the question stays open', async () => {
    await chat.play([
      [{ click: 'answer', answer: 'empty' }, [/Votre réponse est vide/]],
      [{ click: 'answer', answer: { choice: '   ' } }, [/Votre réponse est vide/]],
      [{ click: 'answer', answer: 'right' }, [/Bonne réponse/]],
    ]);
    expect(await answersRecorded()).toBe(1);
  });

  test('a choice that is not on the card is refused', async () => {
    expect(chat.pendingChallenge().type).toBe('QCU');
    await chat.play([[{ click: 'answer', answer: { choice: '9' } }, [/ne fait pas partie des propositions/]]]);
    expect(await answersRecorded()).toBe(0);
  });

  test('a 10 KB answer is refused with a clear message', async () => {
    const huge = 'a'.repeat(10 * 1024);
    const { data } = pendingAction();
    // On a single-choice card, 10 KB of letters is no choice at all.
    const forged = await chat.student.execute(data, { choice: huge });
    expect(forged.invoke?.value).toBe('Je n’ai pas pu lire votre réponse. Répondez avec la carte de la question.');
    // A text answer says how long it may be. The test bank's short-answer challenge sits deep in
    // its tube: the student is put on it directly.
    const qroc = 'c11-types-2-qroc';
    await bot.app.store.db.updateTable('assessments').set({ pending_challenge_id: qroc }).where('id', '=', data.assessmentId as string).execute();
    const long = await chat.student.execute({ ...data, challengeId: qroc }, { answer: huge });
    expect(asRead(String(long.invoke?.value))).toBe('Votre réponse est trop longue (500 caractères au plus). Raccourcissez-la et validez à nouveau.');
    expect(await answersRecorded()).toBe(0);
    const typed = await chat.student.say(huge);
    // The echo is cut, so that the reply stays readable.
    expect(typed.texts).toEqual([`Je n’ai pas compris « ${huge.slice(0, 60)} ». Utilisez les boutons, ou tapez « aide » pour voir ce que je sais faire.`]);
  });

  test('typing "passer" skips the pending question and corrects its card in place', async () => {
    const { id } = pendingAction();
    const reply = await chat.student.say('passer');
    expect(reply.updated.map((u) => u.id)).toContain(id);
    expect(replyText(reply)).toMatch(/Question passée/);
    expect(replyText(reply)).toMatch(/Question 2/);
  });
});

describe('garbage', () => {
  test('unknown commands get a clear reply', async () => {
    await chat.play([
      ['fais mes devoirs', [/Je n’ai pas compris « fais mes devoirs »/, /aide/]],
      ['commencer', [/Précisez la compétence/]],
      ['commencer 9.9', [/Je ne connais pas la compétence « 9\.9 »/]],
      ['commencer 5.4', [/Je ne connais pas la compétence « 5\.4 »/]],
    ]);
  });

  test('malformed card payloads get a clear reply, never a crash', async () => {
    const unreadable = 'Je n’ai pas pu lire votre réponse. Répondez avec la carte de la question.';
    const payloads: Array<[unknown, string]> = [
      [{ verb: 'explode' }, unreadable],
      [{ verb: 42 }, unreadable],
      ['a string', unreadable],
      [[1, 2], unreadable],
      // A known verb without its test: the card is from a test the bot cannot find.
      [{ verb: 'answer' }, 'Je ne retrouve pas ce test. Tapez « profil » pour reprendre là où vous en êtes.'],
      [{ verb: 'start', competenceId: 'x'.repeat(500) }, unreadable],
    ];
    for (const [value, expected] of payloads) {
      const reply = await chat.student.post({ ...basicActivity(), value });
      expect(reply.status).toBe(200);
      expect({ texts: reply.texts, cards: reply.cards.length }, JSON.stringify(value).slice(0, 40)).toEqual({ texts: [expected], cards: 0 });
    }
    const invoke = await chat.student.post({ ...basicActivity('invoke'), name: 'adaptiveCard/action', value: { action: { verb: 'nope' } } });
    expect(invoke.status).toBe(200);
    expect(invoke.invoke?.value).toBe(unreadable);
  });

  test('unexpected activity types are ignored', async () => {
    for (const type of ['typing', 'messageReaction', 'event', 'endOfConversation', 'messageUpdate']) {
      const reply = await chat.student.post({ ...basicActivity(type) });
      expect(reply.status, type).toBeLessThan(300);
      expect(reply.cards.length + reply.texts.length, type).toBe(0);
    }
    const otherInvoke = await chat.student.post({ ...basicActivity('invoke'), name: 'composeExtension/query', value: {} });
    expect(otherInvoke.status).toBe(200);
  });

  test('a body that is not an activity is refused with a 4xx, never a 500', async () => {
    for (const body of ['{not json', '[]', '{}', '"hello"']) {
      const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status, body).toBe(400);
    }
    const health = await fetch(`${bot.url}/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });
});

function basicActivity(type = 'message') {
  return {
    type,
    id: `raw-${Math.random()}`,
    serviceUrl: bot.connectorUrl,
    channelId: 'msteams',
    from: { id: chat.student.teamsId, name: 'Léa' },
    conversation: { id: `a:conv-${chat.student.teamsId}`, conversationType: 'personal', tenantId: 'tenant-1' },
    recipient: { id: '28:partix-bot', name: 'Partix' },
    locale: 'fr-FR',
  };
}

describe('authentication', () => {
  test('is on whenever MicrosoftAppId is set: an unsigned request is refused, nothing is answered', async () => {
    const secured = await startTestBot({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'not-a-real-secret' });
    try {
      const student = new Student(secured);
      const reply = await student.say('profil');
      expect(reply.status).toBe(401);
      expect(reply.cards.length + reply.texts.length).toBe(0);
      expect(await secured.app.store.db.selectFrom('users').selectAll().execute()).toHaveLength(0);
    } finally {
      await secured.close();
    }
  });
});

describe('unexpected failures', () => {
  test('a broken store gets a useful message with a reference, not a 500', async () => {
    const broken = await startTestBot();
    try {
      await broken.app.store.db.destroy();
      const reply = await new Student(broken).say('profil');
      expect(reply.status).toBeLessThan(500);
      expect(replyText(reply)).toMatch(/Oups, quelque chose s’est mal passé de mon côté\. .*\(réf\. [0-9a-f]{8}\)/);
      const health = await fetch(`${broken.url}/health`);
      expect(health.status).toBe(503);
    } finally {
      await broken.close().catch(() => undefined);
    }
  });
});
