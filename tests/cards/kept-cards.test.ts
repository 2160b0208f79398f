/**
 * Layer: cards. A question card and its correction are expanded once per challenge and kept; each
 * render is a copy with its own ids, counter, answer and level reached. Over the whole real bank, in
 * both languages and for every verdict, the kept cards are the cards expanded anew, and a copy
 * changed by one caller changes no other.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnswerOutcome } from '../../src/assessment/answer-challenge.js';
import type { AnswerStatus } from '../../src/assessment/answers.js';
import { renderChallenge, renderFeedback, type RenderContext } from '../../src/cards/render.js';
import { CardTemplates, Varying } from '../../src/cards/template.js';
import { loadFramework } from '../../src/framework/loader.js';
import type { Challenge } from '../../src/framework/model.js';
import { messages, type Lang } from '../../src/i18n/messages.js';
import type { TestStep } from '../../src/assessment/test-step.js';

const framework = loadFramework(resolve('content'));
const kept = new CardTemplates(resolve('cards'));
const fresh = new CardTemplates(resolve('cards'), { keep: false });
const context = (cards: CardTemplates, lang: Lang): RenderContext => ({ cards, t: messages(lang), lang, framework });

function question(cards: CardTemplates, lang: Lang, c: Challenge, assessmentId: string, n: number) {
  const step = { assessment: { id: assessmentId, kind: 'competence' }, challenge: c, answered: n - 1 } as unknown as TestStep & { challenge: Challenge };
  return renderChallenge(context(cards, lang), step, { n, about: 6 });
}

function correction(cards: CardTemplates, lang: Lang, c: Challenge, status: AnswerStatus, value: string, levelUp: AnswerOutcome['levelUp']) {
  const outcome = { challenge: c, status, value, levelUp, replay: false, next: { answered: 4 } } as unknown as AnswerOutcome;
  return renderFeedback(context(cards, lang), outcome, 'competence', { n: 4, about: 6 });
}

describe('kept cards', () => {
  const challenges = [...framework.challenges.values()];

  it('every question of the bank, in both languages, is the card expanded anew, with its own ids and counter', () => {
    for (const lang of ['fr', 'en'] as const) {
      for (const c of challenges) {
        for (const [id, n] of [
          ['test-a', 1],
          ['test-b', 12],
        ] as const) {
          expect(question(kept, lang, c, id, n), `${c.id} ${lang} ${id}`).toEqual(question(fresh, lang, c, id, n));
        }
      }
    }
  });

  it('every correction, for each verdict, with or without a level reached, is the card expanded anew', () => {
    const verdicts: Array<[AnswerStatus, string]> = [
      ['ok', '1'],
      ['ko', '2'],
      ['skipped', ''],
      ['timedout', '1'],
    ];
    for (const lang of ['fr', 'en'] as const) {
      for (const c of challenges) {
        for (const [status, value] of verdicts) {
          const levelUp = status === 'ok' ? { from: 1, to: 2 } : null;
          expect(correction(kept, lang, c, status, value, levelUp), `${c.id} ${lang} ${status}`).toEqual(correction(fresh, lang, c, status, value, levelUp));
        }
      }
    }
  });

  it('a copy changed by its caller leaves the next copy as it was', () => {
    const c = challenges[0]!;
    const first = question(kept, 'fr', c, 'test-a', 1) as unknown as { body: Array<Record<string, unknown>>; actions: Array<{ data: Record<string, unknown> }> };
    first.body[0]!.type = 'Changed';
    first.actions[0]!.data.assessmentId = 'changed';
    const second = question(kept, 'fr', c, 'test-a', 1);
    expect(second).toEqual(question(fresh, 'fr', c, 'test-a', 1));
  });

  it('a value that looks like a token, or holds numbers and units, is put as it was given and made readable', () => {
    const v = new Varying();
    const text = `${v.of('Il reste 12 questions')} — \u00000:0\u0000`;
    const card = kept.renderKept('notice', { text }, v) as unknown as { body: Array<{ text?: string }> };
    const shown = JSON.stringify(card);
    expect(shown).toContain('12\u00a0questions');
    expect(shown).toContain('\\u00000:0\\u0000');
    expect(card).toEqual(fresh.renderKept('notice', { text }, v));
  });
});
