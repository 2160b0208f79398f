/**
 * Layer: whole chat, over real HTTP against the real server and SQLite. What a student sees of the
 * discovery test and the positioning before, during and after them: an intro card before anything
 * starts, a counter on every question card, a result in levels, the last result again.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { actionNamed, asRead, cardActions, cardText, startTestBot, Student, type TestBot } from '../helpers/chat.js';
import { Conversation, replyText } from '../helpers/conversation.js';

let bot: TestBot;
let chat: Conversation;

beforeEach(async () => {
  bot = await startTestBot();
  chat = new Conversation(bot, new Student(bot));
  await chat.student.install();
});
afterEach(async () => bot.close());

const sittings = (kind: 'discovery' | 'positioning') =>
  bot.app.store.db.selectFrom('assessments').select(['id', 'state']).where('kind', '=', kind).orderBy('created_at').execute();

/** The buttons of the latest reply's cards, as read. */
const buttons = () => chat.last.cards.flatMap((c) => cardActions(c.card).map((a) => `${a.verb} ${asRead(a.title)}`));

describe('discovery', () => {
  test('an intro first, nothing started until "Commencer"; then "Question n sur 5"; typed again, it resumes without the intro', async () => {
    await chat.play([
      [
        'découvrir',
        [
          /Test découverte/,
          /5 questions faciles, chacune d’une compétence différente/,
          /tapez « découvrir » pour reprendre à la question où vous en étiez/,
          /Rien ne compte dans votre profil : ni niveau, ni pix/,
          { not: /Question 1/ },
        ],
      ],
    ]);
    expect(buttons()).toEqual(['discoveryBegin Commencer', 'sittingLater Plus tard']);
    expect(await sittings('discovery')).toEqual([]);

    await chat.play([[{ click: 'sittingLater' }, [/D’accord, rien n’a commencé\. Tapez « découvrir » quand vous voudrez\./]]]);
    expect(await sittings('discovery')).toEqual([]);

    await chat.play([
      ['découvrir', [/5 questions faciles/]],
      [{ click: 'discoveryBegin' }, [/Test découverte · \d\.\d/, /Question 1 sur 5/]],
      // The answered card keeps its counter; the next one counts on.
      [{ click: 'answer', answer: 'right' }, [/Question 1 sur 5\n[^]*Bonne réponse/, /Question 2 sur 5/]],
      ['profil', [/0 pix sur 640/]],
      ['découvrir', [/Question 2 sur 5/, { not: /questions faciles/ }]],
    ]);
    expect(await sittings('discovery')).toHaveLength(1);
    // The resumed card is the same question, and answering it goes on to the third.
    await chat.play([[{ click: 'answer', answer: 'wrong' }, [/Question 3 sur 5/]]]);
  });
});

describe('counters', () => {
  test('a competence test shows "Question n sur environ N", never less than n', async () => {
    await chat.play([['commencer 1.1', [/Question 1 sur environ 6/]]]);
    let n = 1;
    for (; n < 40; n++) {
      const reply = await chat.step({ click: 'answer', answer: n % 2 ? 'right' : 'wrong' });
      // The new question card (the answered one, replaced, keeps its own counter).
      const counter = /Question (\d+) sur environ (\d+)/.exec(reply.cards.map((c) => cardText(c.card)).join('\n'));
      if (!counter) break;
      expect(Number(counter[1])).toBe(n + 1);
      expect(Number(counter[2])).toBeGreaterThanOrEqual(n + 1);
    }
    expect(replyText(chat.last)).toMatch(/Compétence 1\.1 terminée/);
  });

  test('in English: "of about", "of", "at most"', async () => {
    const en = new Conversation(bot, new Student(bot, undefined, 'en-US'));
    await en.play([
      ['start 2.1', [/Question 1 of about 6/]],
      ['discover', [/5 easy questions, each from a different competence/, /type “discover” to resume/, /Nothing counts in your profile/]],
      [{ click: 'discoveryBegin' }, [/Question 1 of 5/]],
      ['positioning', [/About 40 questions \(48 at most\) across the 16 competences/, /The result is kept apart: it changes neither your levels nor your pix/]],
      [{ click: 'positioningBegin' }, [/Positioning · \d\.\d/, /Question 1 of 48 at most/]],
    ]);
  });
});

describe('positioning', () => {
  test('intro, sitting, result in levels, the last result again, and a new sitting only when asked', async () => {
    await chat.play([
      [
        'positionnement',
        [
          /Environ 40 questions \(48 au plus\) sur les 16 compétences/,
          /tapez « positionnement » pour reprendre/,
          /Le résultat est gardé à part : il ne change ni vos niveaux ni vos pix/,
          { not: /Question 1/ },
        ],
      ],
      ['positionnement résultat', [/Vous n’avez pas encore terminé de positionnement/]],
    ]);
    const introCard = chat.cardWith('positioningBegin').card;
    await chat.play([
      [{ click: 'positioningBegin' }, [/Positionnement · \d\.\d/, /Question 1 sur 48 au plus/]],
      [{ click: 'answer', answer: 'right' }, [/Question 2 sur 48 au plus/]],
      ['positionnement résultat', [/Votre positionnement est en cours : il n’a pas encore de résultat/]],
      ['positionnement', [/Question 2 sur 48 au plus/, { not: /Environ 40 questions/ }]],
    ]);
    const profileBefore = await chat.step('profil');
    expect(cardActions(profileBefore.cards[0]!.card).map((a) => a.verb)).not.toContain('positioningResult');

    await chat.answerUntilDone((challenge) => (challenge.competenceId < '3' ? 'right' : 'wrong'));
    const result = replyText(chat.last);
    expect(result).toMatch(/Positionnement terminé/);
    expect(result.match(/· niveau (\d|\d ou \d|entre \d et \d)$/gm)).toHaveLength(16);
    expect(result).not.toMatch(/%|sûr/);
    const firstResult = result.split('\n').filter((l) => l.startsWith('**'));

    // Typed again: nothing starts; the student chooses.
    await chat.play([
      ['positionnement', [/Vous avez terminé un positionnement le 02\/03\/2026/, /Voulez-vous revoir son résultat, ou en commencer un nouveau \?/]],
    ]);
    expect(buttons()).toEqual(['positioningResult Voir mon dernier résultat', 'positioningBegin Nouveau positionnement (environ 40 questions)', 'sittingLater Plus tard']);
    // The last result, from the card, typed, and from the profile: the same lines; nothing new starts.
    await chat.play([[{ click: 'positioningResult' }, [/Votre positionnement du 02\/03\/2026/]]]);
    expect(replyText(chat.last).split('\n').filter((l) => l.startsWith('**'))).toEqual(firstResult);
    await chat.play([
      ['positionnement résultat', [/Votre positionnement du 02\/03\/2026/]],
      ['dernier positionnement', [/Votre positionnement du 02\/03\/2026/]],
      ['profil', [/Voir mon dernier résultat/]],
      [{ click: 'positioningResult' }, [/Votre positionnement du 02\/03\/2026/]],
    ]);
    await chat.play([['positionnement', [/Vous avez terminé un positionnement/]], [{ click: 'sittingLater' }, [/D’accord, rien n’a changé/]]]);
    // The first intro's "Commencer", clicked again now: asked too, nothing starts.
    const stale = await chat.student.execute(actionNamed(introCard, 'positioningBegin').data);
    expect(replyText(stale)).toMatch(/Vous avez terminé un positionnement/);
    expect((await sittings('positioning')).map((s) => s.state)).toEqual(['completed']);

    // Confirmed: a new sitting, while the last result stays readable.
    bot.clock.advanceDays(1);
    await chat.play([
      ['positionnement', [/Vous avez terminé un positionnement/]],
      [{ click: 'positioningBegin' }, [/Question 1 sur 48 au plus/]],
      ['positionnement résultat', [/Votre positionnement du 02\/03\/2026/]],
    ]);
    expect((await sittings('positioning')).map((s) => s.state)).toEqual(['completed', 'started']);
  });

  test('in English, the result reads as levels and "last positioning" shows it again', async () => {
    const en = new Conversation(bot, new Student(bot, undefined, 'en-US'));
    await en.play([['positioning', [/About 40 questions/]], [{ click: 'positioningBegin' }, [/Question 1 of 48 at most/]]]);
    await en.answerUntilDone(() => 'wrong');
    const result = replyText(en.last);
    expect(result.match(/· level (\d|\d or \d|between \d and \d)$/gm)).toHaveLength(16);
    expect(result).not.toMatch(/%|sure/);
    await en.play([
      ['positioning', [/You finished a positioning on/, /See my last result/, /New positioning \(about 40 questions\)/]],
      ['last positioning', [/Your positioning of/]],
    ]);
    const card = en.last.cards[0]!.card;
    expect(cardText(card)).toMatch(/level/);
  });
});
