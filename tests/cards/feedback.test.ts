/**
 * Layer: cards. The feedback card after a failure gives the expected answer, and on a card with
 * several fields which fields were wrong and what each expected (issue 11, point 9). The answers go
 * through the real parsing and checking, as the bot stores them.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnswerOutcome } from '../../src/assessment/answer-challenge.js';
import { answerStatus, parseAnswer, serializeAnswer } from '../../src/assessment/answers.js';
import { renderFeedback, type RenderContext } from '../../src/cards/render.js';
import { CardTemplates } from '../../src/cards/template.js';
import { loadFramework } from '../../src/framework/loader.js';
import { messages, type Lang } from '../../src/i18n/messages.js';
import { cardText } from '../helpers/chat.js';
import { buildTestContent, TYPED_CHALLENGES } from '../helpers/content-builder.js';

const framework = loadFramework(buildTestContent());
const cards = new CardTemplates(resolve('cards'));
const context = (lang: Lang): RenderContext => ({ cards, t: messages(lang), lang, framework });

/** The text of the feedback card after `raw` (or a skip) on challenge `id`. */
function feedback(id: string, raw: Record<string, string> | 'skip', lang: Lang = 'fr'): string {
  const challenge = framework.challenges.get(id)!;
  const answer = raw === 'skip' ? null : parseAnswer(challenge, raw);
  const outcome = {
    challenge,
    status: answer ? answerStatus({ challenge, answer }) : 'skipped',
    value: answer ? serializeAnswer(answer) : '',
    levelUp: null,
    replay: false,
    next: { answered: 3 },
  } as unknown as AnswerOutcome;
  return cardText(renderFeedback(context(lang), outcome, 'competence') as never);
}

const { qcm, qroc, qrocmInd, qrocmDep } = TYPED_CHALLENGES;

describe('feedback after a failure', () => {
  it('a wrong free answer shows what was expected', () => {
    const text = feedback(qroc.id, { answer: 'apostrophes' });
    expect(text).toMatch(/Votre réponse : apostrophes\n❌ Ce n’est pas la bonne réponse\.\nRéponse attendue : guillemets\n/);
    expect(feedback(qroc.id, { answer: 'apostrophes' }, 'en')).toMatch(/Expected answer: guillemets\n/);
  });

  it('a wrong field is named with its expected value, the right ones are not', () => {
    const text = feedback(qrocmInd.id, { france: 'paris', italie: 'Milan' });
    expect(text).toMatch(/À revoir : Italie \(attendu : Rome\)\n/);
    expect(text).not.toMatch(/France \(attendu/);
    expect(feedback(qrocmInd.id, { france: 'Lyon', italie: 'Milan' }, 'en')).toMatch(/To review: France \(expected: Paris\) ; Italie \(expected: Rome\)\n/);
  });

  it('interchangeable fields: the same answer twice counts once, the other field expects what is left', () => {
    expect(feedback(qrocmDep.id, { r1: 'gif', r2: 'gif' })).toMatch(/À revoir : Format 2 \(attendu : png\)\n/);
    expect(feedback(qrocmDep.id, { r1: 'bmp', r2: 'jpg' })).toMatch(/À revoir : Format 1 \(attendu : png\)\n/);
  });

  it('a skip shows every expected field, a wrong choice the right proposals', () => {
    expect(feedback(qrocmInd.id, 'skip')).toMatch(/Réponse attendue : France : Paris ; Italie : Rome\n/);
    expect(feedback(qcm.id, { choices: '1' })).toMatch(/Réponse attendue : Juste 1 ; Juste 2\n/);
  });

  it('a right answer shows no correction', () => {
    expect(feedback(qroc.id, { answer: 'Guillemets' })).not.toMatch(/Réponse attendue|À revoir/);
    expect(feedback(qrocmInd.id, { france: 'Paris', italie: 'Rome' })).not.toMatch(/Réponse attendue|À revoir/);
  });
});
