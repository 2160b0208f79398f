import { describe, expect, it } from 'vitest';
import { inferKnowledge, type KnowledgeElement } from '../../src/assessment/knowledge.js';
import { predictedLevel } from '../../src/adaptive/predicted-level.js';
import { seededRandom } from '../../src/assessment/random.js';
import { scoreCompetence } from '../../src/assessment/scoring.js';
import { runCompetenceTest } from '../../src/simulation/simulation.js';
import { smartRandom } from '../../src/adaptive/smart-random.js';
import type { AdaptiveStrategy, AnsweredChallenge, AssessmentContext } from '../../src/assessment/strategy.js';
import type { Challenge, Framework } from '../../src/framework/model.js';
import { buildFramework, perfectStudent, regularCompetence, type TubeSpec } from '../assessment/builders.js';

const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);

function context(framework: Framework, seed = 1, history: AnsweredChallenge[] = [], knowledge = new Map<string, KnowledgeElement>()): AssessmentContext {
  return { framework, competenceId: '1.1', history, knowledge, random: seededRandom(seed) };
}

/** Answers challenges in order, keeping history and knowledge as the bot would. */
function answered(framework: Framework, answers: Array<[challengeId: string, ok: boolean]>) {
  const history: AnsweredChallenge[] = [];
  const knowledge = new Map<string, KnowledgeElement>();
  for (const [challengeId, ok] of answers) {
    const challenge = framework.challenges.get(challengeId)!;
    history.push({ challengeId, skillId: challenge.skillId, status: ok ? 'ok' : 'ko' });
    for (const e of inferKnowledge({ framework, skillId: challenge.skillId, success: ok, current: knowledge, now: new Date(0) })) {
      knowledge.set(e.skillId, e);
    }
  }
  return { history, knowledge };
}

const firstChallenge = (framework: Framework, seed: number) => smartRandom.next(context(framework, seed))!;
const bank = (...tubes: TubeSpec[]) => buildFramework({ id: '1.1', tubes });

describe('predicted level', () => {
  const framework = bank({ name: '@a', levels: [1, 2, 3, 4, 5, 6] }, { name: '@b', levels: [1, 2, 3, 4, 5, 6] });
  const answer = (skillId: string, status: AnsweredChallenge['status']): AnsweredChallenge => ({ challengeId: 'x', skillId, status });

  it('starts mid-range from the two virtual answers', () => {
    expect(predictedLevel({ framework, history: [] })).toBe(3.5);
  });

  it('goes down after failures and up after successes, within 0.5 … 7.5', () => {
    expect(predictedLevel({ framework, history: [answer('@a2', 'ko'), answer('@b2', 'ko')] })).toBe(0.5);
    const successes = Array.from({ length: 5 }, () => answer('@a6', 'ok'));
    expect(predictedLevel({ framework, history: successes })).toBe(7.5);
  });

  it('counts skipped and timed-out answers as failures', () => {
    const with_ = (status: AnsweredChallenge['status']) => predictedLevel({ framework, history: [answer('@a4', 'ok'), answer('@b3', status)] });
    expect(with_('skipped')).toBe(with_('ko'));
    expect(with_('timedout')).toBe(with_('ko'));
    expect(with_('ok')).toBeGreaterThan(with_('ko'));
  });
});

describe('smart random: first challenge', () => {
  it('is level 2 of a tube whose hardest skill is at most 3, when one exists', () => {
    const framework = bank({ name: '@long', levels: [1, 2, 3, 4, 5] }, { name: '@court', levels: [1, 2, 3] }, { name: '@mini', levels: [1, 2] });
    for (const seed of SEEDS) {
      const c = firstChallenge(framework, seed);
      expect(c.level).toBe(2);
      expect(['@court', '@mini']).toContain(c.tubeName);
    }
  });

  it('prefers a challenge without a timer', () => {
    const framework = bank({ name: '@court', levels: [1, 2, 3], timedLevels: [2] }, { name: '@mini', levels: [1, 2] });
    for (const seed of SEEDS) expect(firstChallenge(framework, seed).skillId).toBe('@mini2');
  });

  it('still starts at level 2 when no tube is easy, and nearest to 2 when no level 2 is left', () => {
    const noEasyTube = bank({ name: '@a', levels: [1, 2, 3, 4, 5] }, { name: '@b', levels: [2, 4, 6] });
    for (const seed of SEEDS) expect(firstChallenge(noEasyTube, seed).level).toBe(2);
    const noLevel2 = bank({ name: '@a', levels: [1, 3, 4] }, { name: '@b', levels: [4, 5] });
    for (const seed of SEEDS) expect([1, 3]).toContain(firstChallenge(noLevel2, seed).level);
  });

  it('draws among a skill’s askable variants, never a draft', () => {
    const framework = bank({ name: '@court', levels: [1, 2, 3], variants: 3 });
    const seen = new Set(SEEDS.map((seed) => firstChallenge(framework, seed).id));
    expect(seen).toEqual(new Set(['court-2-1', 'court-2-2', 'court-2-3']));
    const drafts = bank({ name: '@court', levels: [1, 2, 3], draftLevels: [2] }, { name: '@autre', levels: [1, 2, 3, 4, 5] });
    for (const seed of SEEDS) expect(firstChallenge(drafts, seed).status).toBe('validated');
  });
});

describe('smart random: next challenges', () => {
  it('never proposes a skill more than 2 levels above the predicted level, and then ends', () => {
    const framework = bank({ name: '@a', levels: [1, 2, 3, 4, 5, 6] }, { name: '@b', levels: [1, 2, 3, 4, 5, 6] }, { name: '@c', levels: [3, 4, 5, 6] });
    const afterTwoFailures = answered(framework, [['a-2-1', false], ['b-2-1', false]]);
    expect(predictedLevel({ framework, history: afterTwoFailures.history })).toBe(0.5);
    for (const seed of SEEDS) {
      const next = smartRandom.next(context(framework, seed, afterTwoFailures.history, afterTwoFailures.knowledge))!;
      expect(['@a1', '@b1']).toContain(next.skillId);
    }
    const allFailed = answered(framework, [['a-2-1', false], ['b-2-1', false], ['a-1-1', false], ['b-1-1', false]]);
    // @c is untested but out of reach (θ + 2 = 2.5 < 3): the test is over.
    expect(smartRandom.next(context(framework, 1, allFailed.history, allFailed.knowledge))).toBeNull();
  });

  it('avoids a timed challenge right after a timed one, when it can', () => {
    const framework = bank({ name: '@t', levels: [1, 2, 3, 4], timedLevels: [2, 3] }, { name: '@u', levels: [4, 5] });
    const afterTimed = answered(framework, [['t-2-1', true]]);
    for (const seed of SEEDS) expect(smartRandom.next(context(framework, seed, afterTimed.history, afterTimed.knowledge))!.timer).toBeUndefined();
    const onlyTimedLeft = answered(framework, [['u-4-1', false], ['t-4-1', false], ['t-2-1', true]]);
    expect(smartRandom.next(context(framework, 1, onlyTimedLeft.history, onlyTimedLeft.knowledge))!.id).toBe('t-3-1');
  });

  it('ends at once when every skill is already decided', () => {
    const framework = bank({ name: '@a', levels: [1, 2] });
    const { knowledge } = answered(framework, [['a-2-1', true]]);
    expect(smartRandom.next(context(framework, 1, [], knowledge))).toBeNull();
  });

  it('asks only untested skills, never twice the same challenge, within θ + 2 (noisy students)', () => {
    const framework = bank(
      { name: '@a', levels: [1, 2, 3] },
      { name: '@b', levels: [2, 4, 5], timedLevels: [4], variants: 2 },
      { name: '@c', levels: [1, 2, 3, 4, 5, 6, 7], timedLevels: [5, 6] },
    );
    const checked: AdaptiveStrategy = {
      name: 'checked',
      next(ctx) {
        const c = smartRandom.next(ctx);
        if (c) {
          expect(ctx.knowledge.has(c.skillId)).toBe(false);
          expect(ctx.history.some((a) => a.challengeId === c.id)).toBe(false);
          expect(c.level).toBeLessThanOrEqual(predictedLevel(ctx) + 2);
        }
        return c;
      },
    };
    for (const seed of SEEDS) {
      const random = seededRandom(seed);
      const student = { trueLevelByTube: new Map([['@a', 2], ['@b', 4], ['@c', 5]]), slip: 0.15, guess: () => 0.25 };
      const { asked } = runCompetenceTest({ framework, competenceId: '1.1', strategy: checked, student, random, maxLevel: 5 });
      expect(asked).toBeGreaterThan(0);
    }
  });
});

describe('smart random: outcomes with a noise-free student', () => {
  const framework = buildFramework(regularCompetence());
  const run = (level: number, seed: number, maxLevel: number) =>
    runCompetenceTest({ framework, competenceId: '1.1', strategy: smartRandom, student: perfectStudent(framework, level), random: seededRandom(seed), maxLevel });

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8])('true level %i ends at min(level, 6) on 3 tubes of levels 1..6', (level) => {
    for (const seed of SEEDS) {
      expect(run(level, seed, 8).score.level).toBe(Math.min(level, 6));
      expect(run(level, seed, 5).score.level).toBe(Math.min(level, 5));
    }
  });

  it('decides every skill it needs without asking them all', () => {
    const { asked, history } = run(3, 7, 8);
    expect(asked).toBe(history.length);
    expect(asked).toBeLessThan(framework.skills.size);
  });

  const irregular = buildFramework({
    id: '1.1',
    tubes: [
      { name: '@a', levels: [1, 2, 3] },
      { name: '@b', levels: [2, 4, 5], timedLevels: [4] },
      { name: '@c', levels: [1, 2, 3, 4, 5, 6], variants: 2, draftLevels: [3] },
      { name: '@d', levels: [5, 6, 7] },
    ],
  });
  const everySkill: KnowledgeElement[] = [...irregular.skills.keys()].map((skillId) => ({ skillId, status: 'validated', source: 'direct', createdAt: new Date(0) }));

  it('everything right reaches the highest level the bank allows', () => {
    for (const maxLevel of [5, 8]) {
      const best = scoreCompetence({ framework: irregular, competenceId: '1.1', knowledge: everySkill, maxLevel });
      for (const seed of SEEDS) {
        const { score } = runCompetenceTest({ framework: irregular, competenceId: '1.1', strategy: smartRandom, student: perfectStudent(irregular, 8), random: seededRandom(seed), maxLevel });
        expect(score).toEqual(best);
      }
    }
  });

  it('everything wrong ends at 0', () => {
    for (const seed of SEEDS) {
      const { score } = runCompetenceTest({ framework: irregular, competenceId: '1.1', strategy: smartRandom, student: perfectStudent(irregular, 0), random: seededRandom(seed), maxLevel: 5 });
      expect(score).toMatchObject({ pix: 0, level: 0 });
    }
  });
});

describe('smart random: identity', () => {
  it('is named for storage', () => {
    expect(smartRandom.name).toBe('smart-random');
  });

  it('returns challenges of the assessed competence only', () => {
    const framework = buildFramework(regularCompetence('1.1'), regularCompetence('2.1'));
    const all: Challenge[] = [];
    const spy: AdaptiveStrategy = { name: 'spy', next: (ctx) => { const c = smartRandom.next(ctx); if (c) all.push(c); return c; } };
    runCompetenceTest({ framework, competenceId: '2.1', strategy: spy, student: perfectStudent(framework, 3), random: seededRandom(3), maxLevel: 5 });
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((c) => c.competenceId === '2.1')).toBe(true);
  });
});
