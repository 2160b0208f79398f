/**
 * Layer: whole chat, over real HTTP against the real server and SQLite. A student greets the bot,
 * looks at their profile, tests a competence, leaves and resumes, improves, resets, and tries the
 * discovery test — in French and in English.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cardText, startTestBot, Student, type TestBot } from '../helpers/chat.js';
import { Conversation, replyText } from '../helpers/conversation.js';

let bot: TestBot;
let chat: Conversation;

beforeEach(async () => {
  bot = await startTestBot();
  chat = new Conversation(bot, new Student(bot));
});
afterEach(async () => bot.close());

describe('greeting', () => {
  test('on install and on first message the student is welcomed once, with the next actions', async () => {
    const installed = await chat.student.install();
    expect(replyText(installed)).toMatch(/Vous avez 16 compétences à tester\. On se concentre et c’est partix !/);
    expect(installed.cards[0]!.card).toMatchObject({ version: '1.5' });
    const first = await chat.student.say('profil');
    expect(replyText(first)).not.toMatch(/Bienvenue/);
    expect(replyText(first)).toMatch(/Mon profil de compétences/);

    const other = new Conversation(bot, new Student(bot));
    await other.play([['bonjour', [/Bienvenue dans Partix/, /Mon profil/, /Test découverte/, /Commencer 1\.1/]]]);
    expect(other.last.cards).toHaveLength(1);
  });

  test('a command that starts with a mention of Partix is read without it, as Teams sends it', async () => {
    await chat.student.say('bonjour');
    const mentioned = await chat.student.say('<at>Partix</at> commencer 1.1', {
      entities: [{ type: 'mention', mentioned: { id: '28:partix-bot', name: 'Partix' }, text: '<at>Partix</at>' }],
    });
    expect(replyText(mentioned)).toMatch(/Question 1/);
    // Without the mention entity, the same text is not a command: the mention is read from the entity.
    expect(replyText(await chat.student.say('<at>Partix</at> profil'))).toMatch(/Je n’ai pas compris/);
  });

  test('a first message that is a command gets the welcome then the answer', async () => {
    await chat.play([['profil', [/Bienvenue dans Partix/, /Mon profil de compétences/, /0 pix sur 640/]]]);
    expect(chat.last.cards).toHaveLength(2);
  });
});

describe('profile', () => {
  test('shows the 5 areas and 16 competences with level, pix and progress, and what to do next', async () => {
    await chat.play([['profil', []]]);
    const profile = cardText(chat.last.cards.at(-1)!.card);
    for (const area of ['1. Information et données', '2. Communication et collaboration', '3. Création de contenu', '4. Protection et sécurité', '5. Environnement numérique']) {
      expect(profile).toContain(area);
    }
    expect(profile.match(/Niveau 0 · 0 pix · 0\/8 pix vers le niveau suivant · Pas commencée/g)).toHaveLength(16);
    expect(profile).toMatch(/Suggestion : commencez la compétence 1\.1/);
  });
});

describe('a competence test', () => {
  test('answers one card at a time, with feedback, solution and tutorial after a failure, and a summary', async () => {
    await chat.play([
      ['commencer 1.1', [/1\.1 · Mener une recherche/, /Question 1/, /Valider/, /Passer/]],
      [{ click: 'answer', answer: 'right' }, [/Bonne réponse/, /Question 2/]],
      [{ click: 'answer', answer: 'wrong', via: 'submit' }, [/Ce n’est pas la bonne réponse/, /La solution/, /📘 \[Tutoriel/, /Question 3/]],
      [{ click: 'skip' }, [/Question passée/, /^(?![\s\S]*Vous avez passé cette question)/]],
    ]);
    // The wrong answer came through Action.Submit: its card was replaced in place, not re-sent.
    expect(chat.cards.filter((c) => /Question 2/.test(cardText(c.card)))).toHaveLength(1);
    // Wrong from here on: far from the highest level, so the summary offers to try again later.
    const asked = await chat.answerUntilDone(() => 'wrong');
    const summary = replyText(chat.last);
    // Three questions before the loop (right, wrong, skipped): the summary counts every one the student saw.
    expect(summary).toContain(`Question ${3 + asked} sur environ ${3 + asked}\n`);
    expect(summary).toContain(`1 bonne réponse sur ${3 + asked}.`);
    expect(summary).toMatch(/Compétence 1\.1 terminée/);
    expect(summary).toMatch(/Niveau \d · \d+ pix/);
    expect(summary).toMatch(/Nos conseils pour progresser/);
    expect(summary).toMatch(/Vous pourrez retenter cette compétence dans 4 jours/);
  });

  test('a student who answers everything right reaches the highest level, with a level-up notice of the level kept', async () => {
    await chat.play([['commencer 1.1', [/Question 1/]]]);
    const levelUps: string[] = [];
    for (let n = 0; n < 100; n++) {
      const reply = await chat.step({ click: 'answer', answer: 'right' });
      levelUps.push(...(replyText(reply).match(/🎉 Niveau \d atteint/g) ?? []));
      if (/Compétence 1\.1 terminée/.test(replyText(reply))) break;
    }
    expect(replyText(chat.last)).toMatch(/Niveau 5 · 40 pix/);
    expect(replyText(chat.last)).toMatch(/Aucune erreur/);
    // partix-bayes (the default) may end below what the answers reached on the way: it announces
    // once, at the end, the level it keeps (smart random announces each level as it comes).
    expect(levelUps).toEqual(['🎉 Niveau 5 atteint']);
    await chat.play([['profil', [/Niveau 5 · 40 pix · Niveau maximal atteint · Terminée/, /40 pix sur 640/]]]);
  });

  test('a student who answers everything wrong ends at level 0 with advice per tube', async () => {
    await chat.play([['commencer 2.1', [/Question 1/]]]);
    await chat.answerUntilDone(() => 'wrong');
    const summary = replyText(chat.last);
    expect(summary).toMatch(/Niveau 0 · 0 pix/);
    expect(summary).toMatch(/Sujet alpha 2\.1 : Savoir alpha niveau 1/);
  });

  test('a connection the connector closes as the next question goes out is opened again: the student gets the question, once', async () => {
    await chat.play([['commencer 3.1', [/Question 1/]]]);
    const before = bot.connector.requests;
    bot.connector.resetNext = 1;
    await chat.play([[{ click: 'answer', answer: 'right' }, [/Question 2/]]]);
    expect(replyText(chat.last)).not.toMatch(/Oups/);
    expect(chat.cards.filter((c) => /Question 2/.test(cardText(c.card)))).toHaveLength(1);
    // The reset request, then the one sent again.
    expect(bot.connector.requests - before).toBe(2);
    // Twice in a row is a connector in trouble: the turn fails as before, and says so.
    bot.connector.resetNext = 2;
    await chat.play([[{ click: 'answer', answer: 'right' }, [/Oups/]]]);
  });

  test('leaving and resuming asks the same pending challenge again', async () => {
    await chat.play([
      ['commencer 3.1', [/Question 1/]],
      [{ click: 'answer', answer: 'right' }, [/Question 2/]],
    ]);
    const pending = chat.pendingChallenge().id;
    await chat.play([
      ['profil', [/3\.1.*\n.*En cours/, /Suggestion : reprenez la compétence 3\.1/]],
      [{ click: 'start', competenceId: '3.1' }, [/Question 2/]],
    ]);
    expect(chat.pendingChallenge().id).toBe(pending);
  });

  test('a finished competence can be improved after 4 days and reset after 7, with the days remaining before', async () => {
    await chat.play([['commencer 1.2', []]]);
    await chat.answerUntilDone((_, n) => (n % 2 === 0 ? 'right' : 'wrong'));
    await chat.play([
      ['commencer 1.2', [/Vous avez terminé la compétence 1\.2\. Vous pourrez la retenter dans 4 jours/]],
      ['retenter 1.2', [/Il est trop tôt pour retenter 1\.2 : encore 4 jours/]],
      ['zéro 1.2', [/Vous pourrez remettre 1\.2 à zéro dans 7 jours/]],
      [{ advanceDays: 2 }, []],
      ['retenter 1.2', [/encore 2 jours/]],
      [{ advanceDays: 2 }, []],
      ['profil', [/1\.2[^\n]*\n[^\n]*Terminée/]],
      [{ click: 'improve', competenceId: '1.2' }, [/Question 1/]],
    ]);
    await chat.answerUntilDone(() => 'right');
    await chat.play([
      [{ advanceDays: 3 }, []],
      ['zéro 1.2', [/Vous pourrez remettre 1\.2 à zéro dans 4 jours/]],
      [{ advanceDays: 4 }, []],
      ['zéro 1.2', [/Remettre à zéro la compétence 1\.2/]],
      [{ click: 'resetConfirm', competenceId: '1.2' }, [/La compétence 1\.2 est remise à zéro/]],
      ['zéro 1.2', [/La compétence 1\.2 n’a rien à remettre à zéro/]],
      ['profil', [/0 pix sur 640/, /Suggestion : commencez la compétence 1\.1/]],
      ['commencer 1.2', [/Question 1/]],
    ]);
  });

  test('cancelling a reset changes nothing', async () => {
    await chat.play([['commencer 1.3', []]]);
    await chat.answerUntilDone(() => 'right');
    await chat.play([
      [{ advanceDays: 7 }, []],
      ['reset 1.3', [/Remettre à zéro/]],
      [{ click: 'resetCancel' }, [/rien n’a changé/]],
      ['profil', [/40 pix sur 640/]],
    ]);
  });

  test('a timed challenge answered after its timer counts as a failure', async () => {
    // @types11 level 5 is the timed one; reach it by answering right.
    await chat.play([['commencer 1.1', []]]);
    for (let n = 0; n < 60; n++) {
      const challenge = chat.pendingChallenge();
      if (challenge.timer) break;
      await chat.step({ click: 'answer', answer: 'right' });
    }
    const timed = chat.pendingChallenge();
    expect(timed.timer).toBe(30);
    bot.clock.advanceSeconds(120);
    await chat.play([[{ click: 'answer', answer: 'right' }, [/après la fin du temps imparti/]]]);
  });

  test('a timed question asked again after a break gets its full time again', async () => {
    await chat.play([['commencer 1.1', []]]);
    for (let n = 0; n < 60 && !chat.pendingChallenge().timer; n++) await chat.step({ click: 'answer', answer: 'right' });
    expect(chat.pendingChallenge().timer).toBe(30);
    bot.clock.advanceDays(1);
    await chat.play([
      ['reprendre 1.1', [/Vous avez 30 secondes pour répondre/]],
      [{ click: 'answer', answer: 'right' }, [/Bonne réponse/]],
    ]);
  });
});

describe('discovery test', () => {
  test('a handful of challenges across competences, with nothing stored in the profile', async () => {
    await chat.play([
      ['découvrir', [/5 questions faciles/, { not: /Question 1/ }]],
      [{ click: 'discoveryBegin' }, [/Test découverte · \d\.\d/, /Question 1 sur 5/]],
    ]);
    const asked = await chat.answerUntilDone(() => 'right');
    expect(asked).toBe(5);
    await chat.play([['profil', [/0 pix sur 640/]]]);
    expect(replyText(chat.last)).not.toMatch(/En cours|Terminée/);
  });
});

describe('positioning', () => {
  test('one sitting estimates all 16 competences, resumes where it stopped, and leaves the profile alone', async () => {
    await chat.play([
      ['positionnement', [/Environ 40 questions \(48 au plus\)/, { not: /Question 1/ }]],
      [{ click: 'positioningBegin' }, [/Positionnement · \d\.\d/, /Question 1 sur 48 au plus/]],
    ]);
    await chat.step({ click: 'answer', answer: 'right' });
    await chat.play([['profil', [/0 pix sur 640/]], [{ click: 'positioning' }, [/Positionnement · /, /Question 2/]]]);
    const asked = await chat.answerUntilDone((challenge) => (challenge.competenceId < '3' ? 'right' : 'wrong'));
    expect(asked + 1).toBeLessThanOrEqual(48);
    const summary = replyText(chat.last);
    expect(summary).toMatch(/Positionnement terminé/);
    expect(summary.match(/· niveau (\d|\d ou \d|entre \d et \d)$/gm)).toHaveLength(16);
    expect(summary).not.toMatch(/%|sûr/);
    // The draws are the sitting's own (a random seed): a range of three levels is said as "entre".
    expect(summary).toMatch(/\*\*1\.1\*\* Mener une recherche et une veille d'information · niveau ([3-5]|[2-4] ou [3-5]|entre [23] et [45])$/m);
    expect(summary).toMatch(/\*\*4\.1\*\* Sécuriser l'environnement numérique · niveau ([0-2]|[0-2] ou [1-3]|entre 0 et [23])$/m);
    await chat.play([['profil', [/0 pix sur 640/]]]);
  });
});

describe('English', () => {
  test('an English Teams client gets English cards and English commands work', async () => {
    const en = new Conversation(bot, new Student(bot, undefined, 'en-US'));
    await en.play([
      ['profile', [/Welcome to Partix/, /You have 16 competences to test/, /My competence profile/, /0 pix out of 640/, /Level 0 · 0 pix/]],
      ['help', [/Partix help/, /start 1\.1: start or resume a competence/]],
      ['start 4.1', [/4\.1 · Securing the digital environment/, /Submit/, /Skip/]],
      [{ click: 'answer', answer: 'wrong' }, [/That is not the right answer/, /The solution/]],
      ['blah', [/I did not understand “blah”/]],
    ]);
  });

  test('the summary counts in English: 0 takes the plural, 1 the singular', async () => {
    const none = new Conversation(bot, new Student(bot, undefined, 'en-US'));
    await none.play([['start 4.1', [/Question 1/]]]);
    const asked = await none.answerUntilDone(() => 'wrong');
    expect(replyText(none.last)).toContain(`0 right answers out of ${asked}.`);

    const one = new Conversation(bot, new Student(bot, undefined, 'en-GB'));
    await one.play([['start 4.1', [/Question 1/]]]);
    const total = await one.answerUntilDone((_, n) => (n === 0 ? 'right' : 'wrong'));
    expect(replyText(one.last)).toContain(`1 right answer out of ${total}.`);
  });

  test('French commands work for everyone, accents or not', async () => {
    await chat.play([
      ['aide', [/Aide de Partix/, /commencer 1\.1 : commencer ou reprendre une compétence/]],
      ['Decouvrir', [/Test découverte/]],
      ['COMMENCER 2,2', [/2\.2 · Partager et publier/]],
    ]);
  });
});
