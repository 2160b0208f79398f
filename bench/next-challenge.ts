/**
 * Latency of choosing the next challenge, per method, on two banks of 10,000 challenges:
 * - a generated one (16 competences × 4 tubes × levels 1–8, about 20 variants per skill): too many
 *   boxes for partix-bayes' settling plan, which then chooses by information;
 * - the real bank (content/) grown to the same size by copies of its challenges (the skills stay,
 *   the variants multiply): partix-bayes follows its plan, solved beforehand as at start-up (the
 *   time it takes is printed).
 * Every turn of simulated tests is timed, at every point of a test, with the same students for every
 * method. Prints p50 / p99 / max per method and each method's p99 relative to smart random's,
 * measured in the same run. Not a test.
 *
 *   npx tsx bench/next-challenge.ts                      (defaults: 10000 challenges, 300 tests)
 *   npx tsx bench/next-challenge.ts --challenges 50000 --tests 500
 */
import { fileURLToPath } from 'node:url';
import { createPartixBayes } from '../src/adaptive/bayes-strategy.js';
import { createFlash } from '../src/adaptive/flash.js';
import { inferKnowledge, type KnowledgeElement } from '../src/assessment/knowledge.js';
import { createPositioning } from '../src/adaptive/positioning.js';
import type { PositioningStrategy } from '../src/assessment/strategy.js';
import { seededRandom } from '../src/assessment/random.js';
import { answersRight, DEFAULT_POPULATION, drawStudent, mix, NOISE_SETTINGS } from '../src/simulation/simulated-population.js';
import { smartRandom } from '../src/adaptive/smart-random.js';
import type { AdaptiveStrategy, AnsweredChallenge } from '../src/assessment/strategy.js';
import { syntheticFramework } from '../src/simulation/synthetic-bank.js';
import { loadFramework } from '../src/framework/loader.js';
import type { Framework } from '../src/framework/model.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CHALLENGES = arg('challenges', 10_000);
const TESTS = arg('tests', 300);
const POSITIONING_TESTS = arg('positioning-tests', 20);

const noise = NOISE_SETTINGS['slip-0.1']!;

interface Bench {
  framework: Framework;
  competences: string[];
  students: ReturnType<typeof drawStudent>[];
}

function benchOn(framework: Framework): Bench {
  const competences = [...framework.competences.keys()].filter((id) => framework.competences.get(id)!.tubeNames.length > 0);
  return { framework, competences, students: Array.from({ length: TESTS }, (_, id) => drawStudent({ framework, population: DEFAULT_POPULATION, noise, id, seed: 7 })) };
}

/** The real bank with every challenge copied until the bank holds `total` challenges. */
function grown(framework: Framework, total: number): Framework {
  const originals = [...framework.challenges.values()];
  const challenges = new Map(framework.challenges);
  const skills = new Map([...framework.skills].map(([id, s]) => [id, { ...s, challengeIds: [...s.challengeIds] }]));
  for (let copy = 1; challenges.size < total; copy++) {
    for (const c of originals) {
      if (challenges.size >= total) break;
      const id = `${c.id}~${copy}`;
      challenges.set(id, { ...c, id });
      skills.get(c.skillId)?.challengeIds.push(id);
    }
  }
  return { ...framework, skills, challenges };
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

function timeStrategy(strategy: AdaptiveStrategy, { framework, competences, students }: Bench): number[] {
  const times: number[] = [];
  students.forEach((student, i) => {
    const competenceId = competences[i % competences.length]!;
    const history: AnsweredChallenge[] = [];
    const knowledge = new Map<string, KnowledgeElement>();
    for (let turn = 0; turn < 60; turn++) {
      const ctx = { framework, competenceId, history, knowledge, random: seededRandom(mix(i, turn)) };
      const start = process.hrtime.bigint();
      const challenge = strategy.next(ctx);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (!challenge) break;
      const success = answersRight(student, challenge);
      history.push({ challengeId: challenge.id, skillId: challenge.skillId, status: success ? 'ok' : 'ko' });
      for (const e of inferKnowledge({ framework, skillId: challenge.skillId, success, current: knowledge, now: new Date(0) })) knowledge.set(e.skillId, e);
    }
  });
  return times.sort((a, b) => a - b);
}

function timePositioning(strategy: PositioningStrategy, { framework, students }: Bench): number[] {
  const times: number[] = [];
  students.slice(0, POSITIONING_TESTS).forEach((student, i) => {
    const history: AnsweredChallenge[] = [];
    for (;;) {
      const start = process.hrtime.bigint();
      const challenge = strategy.next({ framework, history, random: seededRandom(mix(i, history.length)) });
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (!challenge) break;
      history.push({ challengeId: challenge.id, skillId: challenge.skillId, status: answersRight(student, challenge) ? 'ok' : 'ko' });
    }
  });
  return times.sort((a, b) => a - b);
}

type Row = { method: string; calls: number; p50: number; p99: number; max: number };

function report(title: string, rows: Row[]) {
  const baseline = rows[0]!.p99;
  console.log(title);
  console.log('méthode                                appels    p50 (ms)   p99 (ms)   max (ms)   p99 / smart-random');
  for (const r of rows) {
    console.log(
      `${r.method.padEnd(38)} ${String(r.calls).padStart(6)} ${r.p50.toFixed(3).padStart(11)} ${r.p99.toFixed(3).padStart(10)} ${r.max.toFixed(3).padStart(10)}   ${(r.p99 / baseline).toFixed(2).padStart(8)}`,
    );
  }
  for (const ours of rows.filter((r) => r.method.startsWith('partix-bayes'))) {
    console.log(`${ours.method} p99 ${ours.p99.toFixed(3)} ms : ${ours.p99 < 1 ? 'objectif < 1 ms atteint' : 'objectif < 1 ms NON atteint'}`);
  }
}

const row = (method: string, times: number[]): Row => ({ method, calls: times.length, p50: percentile(times, 0.5), p99: percentile(times, 0.99), max: times[times.length - 1] ?? 0 });

// One instance per method and bank, as in the bot; a first pass warms up the JIT and each instance's
// per-framework index, which a running bot builds once.
{
  const bench = benchOn(syntheticFramework({ seed: 1, challenges: CHALLENGES }));
  const flash = createFlash();
  const bayes = createPartixBayes();
  const bayesShort = createPartixBayes({ stopRule: 'confident' });
  const positioning = createPositioning();
  for (const s of [smartRandom, flash, bayes, bayesShort]) timeStrategy(s, bench);
  timePositioning(positioning, bench);
  const { framework } = bench;
  report(`Banque générée : ${framework.challenges.size} épreuves, ${framework.skills.size} acquis, ${framework.tubes.size} sujets ; ${TESTS} tests simulés (slip 0.1).`, [
    row('smart-random', timeStrategy(smartRandom, bench)),
    row('flash (20)', timeStrategy(flash, bench)),
    row('partix-bayes', timeStrategy(bayes, bench)),
    row('partix-bayes-short', timeStrategy(bayesShort, bench)),
    row('partix-positioning (16 competences)', timePositioning(positioning, bench)),
  ]);
}
{
  const real = loadFramework(fileURLToPath(new URL('../content', import.meta.url)));
  const bench = benchOn(grown(real, CHALLENGES));
  const bayes = createPartixBayes();
  const bayesShort = createPartixBayes({ stopRule: 'confident' });
  const preparing = performance.now();
  bayes.prepare(bench.framework);
  const prepared = performance.now() - preparing;
  for (const s of [smartRandom, bayes, bayesShort]) timeStrategy(s, bench);
  const { framework } = bench;
  console.log('');
  report(`Banque réelle agrandie : ${framework.challenges.size} épreuves (${real.challenges.size} copiées), ${framework.skills.size} acquis, ${framework.tubes.size} sujets ; ${TESTS} tests simulés (slip 0.1).`, [
    row('smart-random', timeStrategy(smartRandom, bench)),
    row('partix-bayes (plan)', timeStrategy(bayes, bench)),
    row('partix-bayes-short', timeStrategy(bayesShort, bench)),
  ]);
  console.log(`partix-bayes : plans des ${bench.competences.length} compétences résolus en ${prepared.toFixed(0)} ms (au démarrage du bot).`);
}
