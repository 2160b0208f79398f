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
import { renderChallenge, renderChallengeCard, renderFeedback, type RenderContext } from '../../src/cards/render.js';
import { action, CardTemplates, Varying } from '../../src/cards/template.js';
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

  it('another test’s frame (header, buttons with other data) is kept apart and filled with its own values', () => {
    const c = challenges[5]!;
    const frame = (id: string, pass: number) => ({
      header: `Campagne ${id}`,
      counter: `Question ${pass} sur 8`,
      actions: [action('Valider', 'campaignAnswer', { participationId: id, challengeId: c.id, pass }, 'positive'), action('Passer', 'campaignSkip', { participationId: id, challengeId: c.id })],
    });
    for (const [id, pass] of [
      ['p-1', 1],
      ['p-2', 2],
      ['p-1', 2],
    ] as const) {
      expect(renderChallengeCard(context(kept, 'fr'), c, frame(id, pass))).toEqual(renderChallengeCard(context(fresh, 'fr'), c, frame(id, pass)));
    }
    expect(question(kept, 'fr', c, 'test-a', 1)).toEqual(question(fresh, 'fr', c, 'test-a', 1));
  });

  it('a copy changed by its caller leaves the next copy as it was; what copies share cannot be changed', () => {
    const c = challenges[0]!;
    const first = question(kept, 'fr', c, 'test-a', 1) as unknown as { body: Array<Record<string, unknown>>; actions: Array<{ data: Record<string, unknown> }> };
    first.body[0]!.type = 'Changed';
    first.actions[0]!.data.assessmentId = 'changed';
    // The question's text is the same in every copy: shared, and frozen.
    expect(() => {
      first.body[1]!.text = 'changed';
    }).toThrow(TypeError);
    const second = question(kept, 'fr', c, 'test-a', 1);
    expect(second).toEqual(question(fresh, 'fr', c, 'test-a', 1));
  });

  it('a value that looks like a token, or holds numbers and units, is put as it was given and made readable', () => {
    const v = new Varying();
    const text = `${v.of('Il reste 12 questions')} — \u00000:0\u0000`;
    const card = kept.renderKept('notice', 'notice', v, () => ({ text })) as unknown as { body: Array<{ text?: string }> };
    const shown = JSON.stringify(card);
    expect(shown).toContain('12\u00a0questions');
    expect(shown).toContain('\\u00000:0\\u0000');
    expect(card).toEqual(fresh.renderKept('notice', 'notice', v, () => ({ text })));
  });
});
