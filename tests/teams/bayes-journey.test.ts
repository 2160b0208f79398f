/**
 * Layer: whole chat with each of Partix's methods (ADAPTIVE_STRATEGY=partix-bayes, the default, and
 * partix-bayes-short). The method's estimate is what the student gets (as knowledge elements, so pix
 * and profile work as before), with how sure it is.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startTestBot, Student, type TestBot } from '../helpers/chat.js';
import { Conversation, replyText } from '../helpers/conversation.js';

describe.each(['partix-bayes', 'partix-bayes-short'] as const)('%s', (method) => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot({ ADAPTIVE_STRATEGY: method });
  });
  afterEach(async () => bot.close());

  test('all right: the highest level, with the certainty on the summary, within the length cap', async () => {
    const chat = new Conversation(bot, new Student(bot));
    await chat.play([['commencer 2.1', [/Question 1/]]]);
    const asked = await chat.answerUntilDone(() => 'right');
    const summary = replyText(chat.last);
    expect(summary).toMatch(/Niveau 5 · 40 pix/);
    expect(summary).toMatch(/Estimation sûre à \d+ %/);
    expect(summary).toContain(`${asked} bonnes réponses sur ${asked}.`);
    // Level 5 in three tubes cannot be settled in fewer than two answers, nor take more than the cap.
    expect(asked).toBeGreaterThanOrEqual(2);
    expect(asked).toBeLessThanOrEqual(12);
    await chat.play([['profil', [/40 pix sur 640/]]]);

  });

  test('all wrong: level 0, and the test keeps its method', async () => {
    const chat = new Conversation(bot, new Student(bot));
    await chat.play([['commencer 4.2', [/Question 1/]]]);
    const asked = await chat.answerUntilDone(() => 'wrong');
    expect(replyText(chat.last)).toMatch(/Niveau 0 · 0 pix/);
    expect(replyText(chat.last)).toContain(`0 bonne réponse sur ${asked}.`);
    const [assessment] = await bot.app.store.db.selectFrom('assessments').select('strategy').execute();
    expect(assessment?.strategy).toBe(method);
  });
});
