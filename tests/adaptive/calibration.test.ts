import { describe, expect, it } from 'vitest';
import { calibrateBank, NotEnoughAnswersError } from '../../src/adaptive/calibrate-bank.js';
import { DEFAULT_MODEL_SETTINGS } from '../../src/adaptive/bayes-model.js';
import { calibrate, type AnswerRecord } from '../../src/adaptive/calibration.js';
import { loadItemParameters, saveItemParameters } from '../../src/adaptive/item-parameter-repository.js';
import { defaultItemParameters, parameterProblems } from '../../src/adaptive/item-parameters.js';
import { inferKnowledge, type KnowledgeElement } from '../../src/assessment/knowledge.js';
import { seededRandom } from '../../src/assessment/random.js';
import { answerDraw, DEFAULT_POPULATION, drawStudent, NOISE_SETTINGS } from '../../src/simulation/simulated-population.js';
import { smartRandom } from '../../src/adaptive/smart-random.js';
import type { AnsweredChallenge } from '../../src/assessment/strategy.js';
import type { Framework } from '../../src/framework/model.js';
import { openStore } from '../../src/store/database.js';
import { buildFramework, regularCompetence } from '../assessment/builders.js';

const framework = buildFramework(regularCompetence());

/**
 * Sittings of smart random tests by simulated students (slip 0.1). `shift` makes some challenges
 * behave as if their skill were that many levels harder: what calibration must find.
 */
function answers(count: number, shift: ReadonlyMap<string, number> = new Map(), seed = 1): AnswerRecord[] {
  const noise = NOISE_SETTINGS['slip-0.1']!;
  const out: AnswerRecord[] = [];
  for (let i = 0; i < count; i++) {
    const student = drawStudent({ framework, population: DEFAULT_POPULATION, noise, id: i, seed });
    const history: AnsweredChallenge[] = [];
    const knowledge = new Map<string, KnowledgeElement>();
    for (;;) {
      const c = smartRandom.next({ framework, competenceId: '1.1', history, knowledge, random: seededRandom(i * 31 + history.length) });
      if (!c) break;
      const knows = c.level + (shift.get(c.id) ?? 0) <= (student.trueLevelByTube.get(c.tubeName) ?? 0);
      const draw = answerDraw(student, c.id);
      const ok = knows ? draw >= noise.slip : draw < 1 / 3;
      history.push({ challengeId: c.id, skillId: c.skillId, status: ok ? 'ok' : 'ko' });
      for (const e of inferKnowledge({ framework, skillId: c.skillId, success: ok, current: knowledge, now: new Date(0) })) knowledge.set(e.skillId, e);
      out.push({ sittingId: `t${i}`, challengeId: c.id, status: ok ? 'ok' : 'ko' });
    }
  }
  return out;
}

describe('calibration (EM on the partix-bayes model)', () => {
  it('finds a challenge that is harder than its skill says, and leaves the others near their level', () => {
    // The model told the simulated students' true slip and guess rates, so that only the shift is to find.
    const model = { ...DEFAULT_MODEL_SETTINGS, profiles: [{ weight: 1, slip: 0.1, guessFactor: 1 }] };
    const result = calibrate({ framework, answers: answers(700, new Map([['beta11-2-1', 2]])), options: { minAnswers: 50, iterations: 10, model } });
    const harder = result.changes.find((c) => c.challengeId === 'beta11-2-1')!;
    expect(harder.status).toBe('updated');
    // It starts at 1.5 and behaves like a level-4 challenge (3.5): it moves toward it, more than any other.
    const moved = harder.fitted!.difficulty - harder.before.difficulty;
    expect(moved).toBeGreaterThan(0.6);
    // The others sit at their level: most keep their parameters for want of evidence.
    const others = result.changes.filter((c) => c.challengeId !== 'beta11-2-1');
    expect(others.filter((c) => c.status === 'no-evidence').length).toBeGreaterThanOrEqual(others.length - 3);
    for (const c of others) expect(Math.abs(c.fitted!.difficulty - c.before.difficulty)).toBeLessThan(moved);
    expect(result.parameters.get('beta11-2-1')).toEqual(harder.fitted);
  });

  it('leaves a challenge with too few answers as it was, and says why', () => {
    const current = new Map([['alpha11-6-1', { discrimination: 3, difficulty: 5.2 }]]);
    const result = calibrate({ framework, answers: answers(40), current, options: { minAnswers: 10_000 } });
    expect(result.changes.every((c) => c.status === 'too-few-answers' && /il en faut au moins 10000/.test(c.reason!))).toBe(true);
    expect(result.parameters).toEqual(current);
  });

  it('refuses a fit out of range and keeps the old parameters', () => {
    // Nobody ever answers this level-1 challenge right, not even the best: with a prior that lets the
    // data speak, the fit runs out of bounds (a cliff past the highest level).
    const impossible = answers(300).map((a) => (a.challengeId.includes('-1-') && a.challengeId.startsWith('gamma') ? { ...a, status: 'ko' as const } : a));
    const result = calibrate({ framework, answers: impossible, options: { minAnswers: 20, iterations: 8, difficultySd: 100, logDiscriminationSd: 100 } });
    const refused = result.changes.find((c) => c.challengeId === 'gamma11-1-1')!;
    expect(refused.status).toBe('out-of-range');
    expect(refused.reason).toMatch(/hors de/);
    expect(result.parameters.has('gamma11-1-1')).toBe(false);
  });

  it('bounds: a slope near zero or a difficulty beyond the levels is refused', () => {
    expect(parameterProblems(defaultItemParameters({ level: 3 }))).toEqual([]);
    expect(parameterProblems({ discrimination: 0.1, difficulty: 2 })).toHaveLength(1);
    expect(parameterProblems({ discrimination: 2, difficulty: 12 })).toHaveLength(1);
    expect(parameterProblems({ discrimination: Number.NaN, difficulty: 2 })).toHaveLength(1);
  });
});

async function storeWithAnswers(records: readonly AnswerRecord[]) {
  const store = await openStore(':memory:');
  const now = new Date(0).toISOString();
  await store.db.insertInto('users').values({ id: 'u', teams_user_id: '29:u', aad_object_id: null, tenant_id: null, name: null, locale: null, created_at: now, updated_at: now }).execute();
  const sittings = [...new Set(records.map((r) => r.sittingId))];
  for (const id of sittings) {
    await store.db
      .insertInto('assessments')
      .values({ id, user_id: 'u', kind: 'competence', competence_id: '1.1', state: 'completed', strategy: 'smart-random', pass: 1, pending_challenge_id: null, pending_since: null, pending_activity_id: null, seed: 1, created_at: now, updated_at: now, completed_at: now })
      .execute();
  }
  let n = 0;
  for (const r of records) {
    const c = framework.challenges.get(r.challengeId)!;
    await store.db
      .insertInto('answers')
      .values({ id: `a${n++}`, assessment_id: r.sittingId, user_id: 'u', challenge_id: r.challengeId, skill_id: c.skillId, competence_id: '1.1', value: '1', status: r.status, elapsed_seconds: null, activity_id: null, created_at: now })
      .execute();
  }
  return store;
}

describe('partix calibrate (store)', () => {
  const use = (f: Framework) => f;

  it('refuses on too few answers and writes nothing', async () => {
    const store = await storeWithAnswers(answers(5));
    try {
      await expect(calibrateBank({ db: store.db, framework: use(framework), options: { minAnswers: 100 }, dryRun: false, now: new Date(0) })).rejects.toBeInstanceOf(NotEnoughAnswersError);
      expect(await loadItemParameters(store.db)).toEqual(new Map());
    } finally {
      await store.close();
    }
  });

  it('writes the fitted parameters, which the next load returns; a dry run writes nothing', async () => {
    const store = await storeWithAnswers(answers(300, new Map([['beta11-2-1', 2]])));
    try {
      const dry = await calibrateBank({ db: store.db, framework, options: { minAnswers: 30, iterations: 4 }, dryRun: true, now: new Date(0) });
      expect(dry.written).toBe(0);
      expect((await loadItemParameters(store.db)).size).toBe(0);
      const report = await calibrateBank({ db: store.db, framework, options: { minAnswers: 30, iterations: 4 }, dryRun: false, now: new Date(0) });
      const updated = report.changes.filter((c) => c.status === 'updated');
      expect(report.written).toBe(updated.length);
      expect(updated.length).toBeGreaterThan(0);
      const loaded = await loadItemParameters(store.db);
      for (const c of updated) expect(loaded.get(c.challengeId)!.difficulty).toBeCloseTo(c.fitted!.difficulty, 9);
    } finally {
      await store.close();
    }
  });

  it('loads only parameters within range (a hand-edited row cannot mislead the model)', async () => {
    const store = await openStore(':memory:');
    try {
      await saveItemParameters(store.db, [{ challengeId: 'alpha11-1-1', parameters: { discrimination: 4, difficulty: 0.7 }, answers: 120 }], new Date(0));
      await store.db.insertInto('challenge_parameters').values({ challenge_id: 'alpha11-2-1', discrimination: 50, difficulty: 1.5, answers_count: 3, updated_at: '' }).execute();
      expect(await loadItemParameters(store.db)).toEqual(new Map([['alpha11-1-1', { discrimination: 4, difficulty: 0.7 }]]));
      await saveItemParameters(store.db, [{ challengeId: 'alpha11-1-1', parameters: { discrimination: 5, difficulty: 0.6 }, answers: 200 }], new Date(1));
      expect((await loadItemParameters(store.db)).get('alpha11-1-1')).toEqual({ discrimination: 5, difficulty: 0.6 });
    } finally {
      await store.close();
    }
  });
});
