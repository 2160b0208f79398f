import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPartixBayes, type BayesStrategy } from '../../src/adaptive/bayes-strategy.js';
import { inferKnowledge, type KnowledgeElement } from '../../src/assessment/knowledge.js';
import { seededRandom } from '../../src/assessment/random.js';
import { scoreCompetence } from '../../src/assessment/scoring.js';
import type { AnsweredChallenge, AssessmentContext } from '../../src/assessment/strategy.js';
import type { Challenge, Framework } from '../../src/framework/model.js';
import { buildFramework, regularCompetence, type TubeSpec } from '../assessment/builders.js';

const HIGHEST = 5;

/** Runs a test as the bot does (inference after each answer, the method's conclusion at the end). */
function run(framework: Framework, strategy: BayesStrategy, answer: (c: Challenge) => boolean, seed = 1, knowledge = new Map<string, KnowledgeElement>()) {
  const history: AnsweredChallenge[] = [];
  const ctx = (): AssessmentContext => ({ framework, competenceId: '1.1', history, knowledge, random: seededRandom(seed * 1000 + history.length) });
  for (;;) {
    const c = strategy.next(ctx());
    if (!c) break;
    expect(history.some((a) => a.challengeId === c.id)).toBe(false);
    const ok = answer(c);
    history.push({ challengeId: c.id, skillId: c.skillId, status: ok ? 'ok' : 'ko' });
    for (const e of inferKnowledge({ framework, skillId: c.skillId, success: ok, current: knowledge, now: new Date(history.length) })) knowledge.set(e.skillId, e);
  }
  // Both read the test as it ends, before its conclusion is stored (stored, it is an earlier pass's knowledge).
  const estimate = strategy.estimate(ctx());
  for (const e of strategy.conclude(ctx(), new Date(1e6))) knowledge.set(e.skillId, e);
  return { history, knowledge, score: scoreCompetence({ framework, competenceId: '1.1', knowledge: knowledge.values(), maxLevel: HIGHEST }), estimate };
}

const bankLevel = (framework: Framework) => {
  const all = new Map([...framework.skills.values()].map((s): [string, KnowledgeElement] => [s.id, { skillId: s.id, status: 'validated', source: 'direct', createdAt: new Date(0) }]));
  return scoreCompetence({ framework, competenceId: '1.1', knowledge: all.values(), maxLevel: HIGHEST }).level;
};

const tubesArbitrary = fc.array(
  fc.record({ levels: fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 6 }), variants: fc.integer({ min: 1, max: 2 }) }),
  { minLength: 1, maxLength: 4 },
);
const bankOf = (tubes: Array<{ levels: number[]; variants: number }>) =>
  buildFramework({ id: '1.1', tubes: tubes.map((t, i): TubeSpec => ({ name: `@tube${i}x`, levels: t.levels, variants: t.variants })) });

describe('partix-bayes: properties', () => {
  const strategy = createPartixBayes();

  it('a student who answers everything right ends at the highest level the bank allows', () => {
    fc.assert(
      fc.property(tubesArbitrary, fc.integer({ min: 1, max: 1000 }), (tubes, seed) => {
        const framework = bankOf(tubes);
        expect(run(framework, strategy, () => true, seed).score.level).toBe(bankLevel(framework));
      }),
      { numRuns: 200 },
    );
  });

  it('a student who answers everything wrong ends at 0', () => {
    fc.assert(
      fc.property(tubesArbitrary, fc.integer({ min: 1, max: 1000 }), (tubes, seed) => {
        const { score } = run(bankOf(tubes), strategy, () => false, seed);
        expect(score.level).toBe(0);
        expect(score.pix).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('the level the bot scores from the concluded knowledge is the method’s estimate', () => {
    fc.assert(
      fc.property(tubesArbitrary, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 1000 }), (tubes, trueLevel, seed) => {
        const random = seededRandom(seed);
        const result = run(bankOf(tubes), strategy, (c) => (c.level <= trueLevel ? random() > 0.1 : random() < 0.2), seed);
        expect(result.score.level).toBe(result.estimate.level);
        expect(result.score.pix).toBe(result.estimate.pix);
      }),
      { numRuns: 200 },
    );
  });
});

describe('partix-bayes: a flawless student always gets their exact level', () => {
  const strategy = createPartixBayes();
  const flawless = (states: number[]) => (c: Challenge) => c.level <= states[Number(c.tubeName.slice(5, -1))]!;

  it('whatever the bank and the student’s level in each tube (no slip, no guess)', () => {
    fc.assert(
      fc.property(tubesArbitrary, fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 4, maxLength: 4 }), fc.integer({ min: 1, max: 1000 }), (tubes, states, seed) => {
        const framework = bankOf(tubes);
        const truth = new Map(
          [...framework.skills.values()].map((s): [string, KnowledgeElement] => [
            s.id,
            { skillId: s.id, status: s.level <= states[Number(s.tubeName.slice(5, -1))]! ? 'validated' : 'invalidated', source: 'direct', createdAt: new Date(0) },
          ]),
        );
        const expected = scoreCompetence({ framework, competenceId: '1.1', knowledge: truth.values(), maxLevel: HIGHEST }).level;
        expect(run(framework, strategy, flawless(states), seed).score.level).toBe(expected);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });

  it('asks fewer challenges than there are skills on a regular competence, and only where the level is still open', () => {
    const framework = buildFramework(regularCompetence());
    const tubeOf = (c: Challenge) => ['@alpha11', '@beta11', '@gamma11'].indexOf(c.tubeName);
    const states = [3, 2, 4];
    // Without the checks that may follow once the level is settled (next test).
    const { history, score } = run(framework, createPartixBayes({ verifyBelow: 0 }), (c) => c.level <= states[tubeOf(c)]!);
    expect(score.level).toBe(3);
    expect(history.length).toBeLessThan(12);
    // Never a question whose answer the earlier ones already imply.
    for (let i = 1; i < history.length; i++) {
      const skill = framework.skills.get(history[i]!.skillId)!;
      const implied = history.slice(0, i).some((a) => {
        const earlier = framework.skills.get(a.skillId)!;
        return earlier.tubeName === skill.tubeName && (a.status === 'ok' ? earlier.level >= skill.level : earlier.level <= skill.level);
      });
      expect(implied).toBe(false);
    }
  });
});

describe('partix-bayes: a settled level the model still doubts is checked', () => {
  const framework = buildFramework(regularCompetence());
  const tubeOf = (c: Challenge) => ['@alpha11', '@beta11', '@gamma11'].indexOf(c.tubeName);
  // Nothing in two tubes, level 3 in the third: the reading settles level 1 on answers a guess could give.
  const states = [0, 0, 3];
  const flawless = (c: Challenge) => c.level <= states[tubeOf(c)]!;

  it('asks on after the level is settled, and a flawless student keeps their exact level', () => {
    const settledOnly = run(framework, createPartixBayes({ verifyBelow: 0 }), flawless);
    const checked = run(framework, strategy(), flawless);
    expect(checked.score.level).toBe(1);
    expect(settledOnly.score.level).toBe(1);
    expect(checked.history.length).toBeGreaterThan(settledOnly.history.length);
    expect(checked.history.slice(0, settledOnly.history.length)).toEqual(settledOnly.history);
  });

  it('a check answered against the reading reopens the level: the model decides', () => {
    const settledLength = run(framework, createPartixBayes({ verifyBelow: 0 }), flawless).history.length;
    let asked = 0;
    const contradicted = run(framework, strategy(), (c) => (asked++ === settledLength ? !flawless(c) : flawless(c)));
    expect(contradicted.history.length).toBeGreaterThan(settledLength);
    expect(contradicted.score.level).not.toBe(1);
    expect(contradicted.score.level).toBe(contradicted.estimate.level);
  });

  it('never asks more than maxLength to check', () => {
    const { history } = run(framework, createPartixBayes({ verifyBelow: 0.999, minGain: 0, maxLength: 7 }), flawless);
    expect(history.length).toBeLessThanOrEqual(7);
  });

  function strategy() {
    return createPartixBayes();
  }
});

describe('partix-bayes-short: ends on the model’s certainty', () => {
  const framework = buildFramework(regularCompetence());
  const student = (c: Challenge) => c.level <= 3;

  it('is named apart, so that a test keeps its method', () => {
    expect(createPartixBayes({ stopRule: 'confident' }).name).toBe('partix-bayes-short');
    expect(createPartixBayes().name).toBe('partix-bayes');
  });

  it('stops as soon as no answer is expected to raise the certainty by the set gain', () => {
    const lazy = createPartixBayes({ stopRule: 'confident', confidence: 0.999, minGain: 0.9 });
    const patient = createPartixBayes({ stopRule: 'confident', confidence: 0.999, minGain: 0 });
    const short = run(framework, lazy, student).history.length;
    expect(short).toBe(3);
    expect(run(framework, patient, student).history.length).toBeGreaterThan(short);
  });
});

describe('partix-bayes: behaviour', () => {
  const framework = buildFramework(regularCompetence());
  const strategy = createPartixBayes();

  it('is stateless: a fresh instance (a restarted process) picks the same challenge from the same context', () => {
    const history: AnsweredChallenge[] = [{ challengeId: 'alpha11-3-1', skillId: '@alpha113', status: 'ok' }];
    const ctx = (): AssessmentContext => ({ framework, competenceId: '1.1', history, knowledge: new Map(), random: seededRandom(5) });
    const first = strategy.next(ctx());
    expect(strategy.next(ctx())).toEqual(first);
    expect(createPartixBayes().next(ctx())).toEqual(first);
  });

  it('one careless slip does not sink a strong student, unlike smart random', () => {
    // Masters every level; slips on the first level-2 challenge asked.
    let slipped = false;
    const answer = (c: Challenge) => {
      if (!slipped && c.level === 2) {
        slipped = true;
        return false;
      }
      return true;
    };
    expect(run(framework, strategy, answer).score.level).toBe(5);
  });

  it('ends cleanly with its best estimate when the bank runs out', () => {
    const tiny = buildFramework({ id: '1.1', tubes: [{ name: '@seul', levels: [1, 2] }] });
    const demanding = createPartixBayes({ stopRule: 'confident', confidence: 0.999 });
    const { history, score, estimate } = run(tiny, demanding, (c) => c.level === 1);
    expect(history).toHaveLength(2);
    expect(score.level).toBe(estimate.level);
    expect(estimate.levelProbabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('stops at the maximum length whatever the certainty', () => {
    const capped = createPartixBayes({ stopRule: 'confident', confidence: 0.999, maxLength: 3 });
    expect(run(framework, capped, (c) => c.level <= 3).history).toHaveLength(3);
    // The settled rule goes on while the level is open: never more than one challenge per skill.
    const settling = createPartixBayes({ maxLength: 3 });
    const { history, score } = run(framework, settling, (c) => c.level <= 3);
    expect(history.length).toBeGreaterThan(3);
    expect(new Set(history.map((a) => a.skillId)).size).toBe(history.length);
    expect(score.level).toBe(3);
  });

  it('keeps what an earlier pass validated ("retenter": successes stay) and does not ask it again', () => {
    const earlier = new Map<string, KnowledgeElement>(
      ['@alpha111', '@alpha112', '@alpha113', '@alpha114'].map((skillId) => [skillId, { skillId, status: 'validated', source: 'direct', createdAt: new Date(0) }]),
    );
    const { history, knowledge } = run(framework, strategy, () => false, 1, earlier);
    expect(history.some((a) => a.skillId.startsWith('@alpha11') && Number(a.skillId.slice(-1)) <= 4)).toBe(false);
    for (const level of [1, 2, 3, 4]) expect(knowledge.get(`@alpha11${level}`)?.status).toBe('validated');
  });

  it('prefers an untimed challenge after a timed one', () => {
    const timed = buildFramework({ id: '1.1', tubes: [{ name: '@a', levels: [1, 2, 3, 4, 5, 6], timedLevels: [1, 3, 5] }, { name: '@b', levels: [1, 2, 3, 4, 5, 6], timedLevels: [2, 4, 6] }] });
    const history: AnsweredChallenge[] = [{ challengeId: 'a-3-1', skillId: '@a3', status: 'ok' }];
    for (let seed = 1; seed <= 10; seed++) {
      const next = strategy.next({ framework: timed, competenceId: '1.1', history, knowledge: new Map(), random: seededRandom(seed) });
      expect(next?.timer).toBeUndefined();
    }
  });
});

describe('partix-bayes: a wrong answer below a right one', () => {
  const framework = buildFramework(regularCompetence());
  const skillOf = (tube: string, level: number) => [...framework.skills.values()].find((s) => s.tubeName === tube && s.level === level)!;
  const answered = (answers: Array<[string, number, boolean]>): AnsweredChallenge[] =>
    answers.map(([tube, level, ok]) => {
      const skill = skillOf(tube, level);
      return { challengeId: skill.challengeIds[0]!, skillId: skill.id, status: ok ? 'ok' : 'ko' };
    });
  const concluded = (strategy: BayesStrategy, history: AnsweredChallenge[]) => {
    const ctx: AssessmentContext = { framework, competenceId: '1.1', history, knowledge: new Map(), random: seededRandom(1) };
    return new Map(strategy.conclude(ctx, new Date(1e6)).map((e) => [e.skillId, e.status]));
  };

  it('stays failed when one success above it is all that argues for a slip: the student may know a harder skill and miss an easier one', () => {
    const history = answered([
      ['@alpha11', 2, false],
      ['@alpha11', 3, true],
      ['@beta11', 3, true],
      ['@beta11', 4, false],
      ['@gamma11', 3, true],
      ['@gamma11', 4, false],
    ]);
    const failed = skillOf('@alpha11', 2).id;
    expect(concluded(createPartixBayes(), history).get(failed)).toBe('invalidated');
    // The former reading credited it as a slip, which the model finds the likelier story.
    expect(concluded(createPartixBayes({ outweighFailureAbove: 0 }), history).get(failed)).toBe('validated');
  });

  it('is still credited as a slip when every other answer says the student is far above it', () => {
    const history = answered([
      ['@alpha11', 1, false],
      ['@alpha11', 4, true],
      ['@alpha11', 5, true],
      ['@alpha11', 6, true],
      ['@beta11', 5, true],
      ['@beta11', 6, true],
      ['@gamma11', 5, true],
      ['@gamma11', 6, true],
    ]);
    expect(concluded(createPartixBayes(), history).get(skillOf('@alpha11', 1).id)).toBe('validated');
  });
});
