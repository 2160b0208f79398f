import { describe, expect, it } from 'vitest';
import { createFlash } from '../../src/adaptive/flash.js';
import { seededRandom } from '../../src/assessment/random.js';
import { scoreCompetence } from '../../src/assessment/scoring.js';
import type { AnsweredChallenge, AssessmentContext } from '../../src/assessment/strategy.js';
import { fisherInformation2PL } from '../../src/adaptive/irt.js';
import { buildFramework, regularCompetence } from '../assessment/builders.js';

const framework = buildFramework(regularCompetence());
const ctx = (history: AnsweredChallenge[] = [], seed = 1): AssessmentContext => ({ framework, competenceId: '1.1', history, knowledge: new Map(), random: seededRandom(seed) });
const answer = (challengeId: string, ok: boolean): AnsweredChallenge => ({ challengeId, skillId: framework.challenges.get(challengeId)!.skillId, status: ok ? 'ok' : 'ko' });

describe('flash-style baseline', () => {
  const flash = createFlash({ priorMean: 2.5, priorSd: 1.3, length: 4 });

  it('starts at the prior mean and moves up after a success, down after a failure (EAP)', () => {
    expect(flash.ability(ctx()).mean).toBeCloseTo(2.5, 6);
    expect(flash.ability(ctx()).sd).toBeCloseTo(1.3, 3);
    expect(flash.ability(ctx([answer('alpha11-3-1', true)])).mean).toBeGreaterThan(2.5);
    expect(flash.ability(ctx([answer('alpha11-3-1', false)])).mean).toBeLessThan(2.5);
  });

  it('draws among the 5 most informative challenges at the current ability', () => {
    const theta = flash.ability(ctx()).mean;
    const informations = [...framework.challenges.values()].map((c) => fisherInformation2PL(theta, 1.5, c.level - 0.5)).sort((a, b) => b - a);
    const fifth = informations[4]!;
    for (let seed = 1; seed <= 30; seed++) {
      const c = flash.next(ctx([], seed))!;
      expect(fisherInformation2PL(theta, 1.5, c.level - 0.5)).toBeGreaterThanOrEqual(fifth - 1e-12);
    }
  });

  it('stops after its fixed length, and when the bank runs out', () => {
    const four = [answer('alpha11-1-1', true), answer('beta11-2-1', true), answer('gamma11-3-1', false), answer('alpha11-4-1', false)];
    expect(flash.next(ctx(four))).toBeNull();
    const tiny = buildFramework({ id: '1.1', tubes: [{ name: '@seul', levels: [1] }] });
    const first = createFlash({ length: 20 }).next({ ...ctx(), framework: tiny })!;
    expect(createFlash({ length: 20 }).next({ ...ctx([{ challengeId: first.id, skillId: first.skillId, status: 'ok' }]), framework: tiny })).toBeNull();
  });

  it('validates the skills whose challenges the estimated ability passes with even odds', () => {
    const history = [answer('alpha11-1-1', true), answer('beta11-2-1', true), answer('gamma11-3-1', true), answer('alpha11-5-1', false)];
    const theta = flash.ability(ctx(history)).mean;
    const elements = flash.conclude(ctx(history), new Date(0));
    for (const e of elements) {
      const level = framework.skills.get(e.skillId)!.level;
      expect(e.status).toBe(theta >= level - 0.5 ? 'validated' : 'invalidated');
    }
    const score = scoreCompetence({ framework, competenceId: '1.1', knowledge: elements, maxLevel: 5 });
    expect(score.level).toBe(Math.min(5, Math.floor(theta + 0.5)));
  });

  it('treats a flat fit (a challenge nobody in the sample masters) as uncalibrated', () => {
    const flat = new Map([['alpha11-6-1', { discrimination: 0.01, difficulty: -300 }]]);
    const withFlat = createFlash({ priorMean: 2.5, priorSd: 1.3, parameters: flat });
    const history = [answer('alpha11-2-1', false), answer('beta11-2-1', false)];
    expect(withFlat.conclude(ctx(history), new Date(0))).toEqual(flash.conclude(ctx(history), new Date(0)));
  });
});
