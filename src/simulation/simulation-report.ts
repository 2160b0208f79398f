/**
 * The simulator's verdict: the issue's goals checked on one run's figures, and the tables printed
 * for operators (French) and for the README (Markdown, English).
 */
import { OURS, type NoiseComparison } from './comparison.js';
import type { ProfileFigures } from './positioning-simulation.js';
import type { Figures } from './simulator.js';
import { smartRandom } from '../adaptive/smart-random.js';

/** Positioning figures of one noise setting. */
export type PositioningRow = ProfileFigures & { noise: string };

export interface Goal {
  id: string;
  /** French, for the operator. */
  description: string;
  met: boolean;
  detail: string;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const points = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} pts`;

function row(comparison: NoiseComparison, name: string): Figures | undefined {
  return comparison.figures.find((f) => f.strategy === name);
}

export function checkGoals(comparisons: readonly NoiseComparison[], positioning: readonly PositioningRow[]): Goal[] {
  const goals: Goal[] = [];
  const by = (name: string) => comparisons.find((c) => c.noise.name === name);
  const noisy = by('slip-0.1');
  const clean = by('none');
  const sr = (c: NoiseComparison | undefined) => (c ? row(c, smartRandom.name) : undefined);
  for (const method of OURS) {
    const ours = (c: NoiseComparison | undefined) => (c ? row(c, method) : undefined);
    if (sr(noisy) && ours(noisy)) {
      const b = sr(noisy)!;
      const o = ours(noisy)!;
      const gain = o.exactRate - b.exactRate;
      const ratio = o.meanAsked / b.meanAsked;
      goals.push({
        id: `${method}: slip-0.1-accuracy`,
        description: `${method} — slip 0.1 : niveau exact ≥ smart random + 10 points`,
        met: gain >= 0.1 - 1e-9,
        detail: `${pct(o.exactRate)} vs ${pct(b.exactRate)} (${points(gain)})`,
      });
      goals.push({
        id: `${method}: slip-0.1-length`,
        description: `${method} — slip 0.1 : épreuves par compétence ≤ 75 % de smart random`,
        met: ratio <= 0.75,
        detail: `${o.meanAsked.toFixed(2)} vs ${b.meanAsked.toFixed(2)} (${(100 * ratio).toFixed(0)} %)`,
      });
    }
    if (sr(clean) && ours(clean)) {
      const b = sr(clean)!;
      const o = ours(clean)!;
      goals.push({
        id: `${method}: no-noise-accuracy`,
        description: `${method} — sans bruit : niveau exact ≥ smart random`,
        met: o.exactRate >= b.exactRate,
        detail: `${pct(o.exactRate)} vs ${pct(b.exactRate)}`,
      });
      goals.push({
        id: `${method}: no-noise-length`,
        description: `${method} — sans bruit : épreuves ≤ smart random`,
        met: o.meanAsked <= b.meanAsked,
        detail: `${o.meanAsked.toFixed(2)} vs ${b.meanAsked.toFixed(2)}`,
      });
    }
    for (const c of comparisons) {
      const o = ours(c);
      const f = c.flashFor[method] ? row(c, c.flashFor[method]!) : undefined;
      if (!o || !f) continue;
      goals.push({
        id: `${method}: flash-${c.noise.name}`,
        description: `${method} — ${c.noise.name} : au moins aussi juste que flash à longueur égale`,
        met: o.exactRate >= f.exactRate && o.meanLevelError <= f.meanLevelError,
        detail: `exact ${pct(o.exactRate)} vs ${pct(f.exactRate)}, level error ${o.meanLevelError.toFixed(3)} vs ${f.meanLevelError.toFixed(3)}, n ${o.meanAsked.toFixed(2)} vs ${f.meanAsked.toFixed(2)}`,
      });
    }
  }
  for (const c of comparisons) {
    const taken = c.figures.filter((f) => f.takenBack > 0);
    goals.push({
      id: `announced-kept-${c.noise.name}`,
      description: `${c.noise.name} : aucun niveau annoncé pendant un test n'est repris à sa fin (toutes méthodes)`,
      met: taken.length === 0,
      detail: taken.length === 0 ? `0 of ${c.figures.reduce((n, f) => n + f.tests, 0)} tests` : taken.map((f) => `${f.strategy}: ${f.takenBack}`).join(', '),
    });
  }
  const unordered = (name: string, strict: boolean) => {
    const c = by(name);
    const b = c ? row(c, smartRandom.name) : undefined;
    const o = c ? row(c, OURS[0]) : undefined;
    if (!b || !o) return;
    goals.push({
      id: `${OURS[0]}: ${name}-accuracy`,
      description: `${OURS[0]} — ${name} (maîtrise dans le désordre) : niveau exact ${strict ? '>' : '≥'} smart random`,
      met: strict ? o.exactRate > b.exactRate : o.exactRate >= b.exactRate,
      detail: `${pct(o.exactRate)} vs ${pct(b.exactRate)} (${points(o.exactRate - b.exactRate)})`,
    });
  };
  unordered('unordered', false);
  unordered('unordered-slip-0.1', true);
  for (const p of positioning) {
    if (!p.method.startsWith('partix-positioning')) continue;
    goals.push({
      id: `positioning-${p.noise}`,
      description: `positionnement ${p.noise} : ≥ 80 % des couples (élève, compétence) à un niveau près, en ≤ 64 épreuves`,
      met: p.withinOneRate >= 0.8 && p.maxAsked <= 64,
      detail: `${pct(p.withinOneRate)} within one level; challenges mean ${p.meanAsked.toFixed(1)}, max ${p.maxAsked}`,
    });
  }
  return goals;
}

/**
 * The length goal beside what is possible: no method exact for every flawless student can be shorter
 * on average than `shortest` (bayes-plan), here as a share of smart random's mean length with slip 0.1.
 */
function boundShare(comparisons: readonly NoiseComparison[], shortest: number): number | undefined {
  const noisy = comparisons.find((c) => c.noise.name === 'slip-0.1');
  const sr = noisy ? row(noisy, smartRandom.name) : undefined;
  return sr ? shortest / sr.meanAsked : undefined;
}

const pctOf = (ratio: number) => `${(100 * ratio).toFixed(0)} %`;

export function humanReport(args: {
  bank: string;
  comparisons: readonly NoiseComparison[];
  positioning: readonly PositioningRow[];
  goals: readonly Goal[];
  shortestExact?: number | null;
}): string {
  const lines: string[] = [`Banque : ${args.bank}`];
  for (const c of args.comparisons) {
    lines.push('', `Bruit « ${c.noise.name} » (slip ${c.noise.slip}, devinette × ${c.noise.guessFactor}), ${c.figures[0]?.tests ?? 0} tests`);
    lines.push('méthode                      épreuves  p90   niveau exact  écart niveau  écart pix  écart ≥ 2  niveau annoncé puis repris');
    for (const f of c.figures) {
      lines.push(
        `${f.strategy.padEnd(28)} ${f.meanAsked.toFixed(2).padStart(8)} ${String(f.p90Asked).padStart(4)}   ${pct(f.exactRate).padStart(11)}  ${f.meanLevelError.toFixed(3).padStart(12)}  ${f.meanPixError.toFixed(2).padStart(9)}  ${pct(f.offByTwoRate).padStart(9)}  ${String(f.takenBack).padStart(26)}`,
      );
    }
  }
  if (args.positioning.length > 0) {
    lines.push('', 'Positionnement (toutes les compétences), mêmes élèves');
    lines.push('bruit      méthode                   épreuves (moy/max)  à un niveau près  exact    tout le profil à un niveau');
    for (const p of args.positioning) {
      lines.push(
        `${p.noise.padEnd(10)} ${p.method.padEnd(25)} ${`${p.meanAsked.toFixed(1)} / ${p.maxAsked}`.padStart(18)}  ${pct(p.withinOneRate).padStart(16)}  ${pct(p.exactRate).padStart(7)}  ${pct(p.allWithinOneRate).padStart(10)}`,
      );
    }
  }
  if (typeof args.shortestExact === 'number') {
    const ratio = boundShare(args.comparisons, args.shortestExact);
    lines.push(
      '',
      `Borne : une méthode qui donne son niveau exact à tout élève sans erreur pose en moyenne au moins ${args.shortestExact.toFixed(2)} épreuves sur cette banque${ratio === undefined ? '' : ` (${pctOf(ratio)} de la moyenne de smart random avec slip 0.1)`}.`,
    );
  }
  if (args.goals.length > 0) {
    lines.push('', 'Objectifs');
    for (const g of args.goals) lines.push(`${g.met ? '[atteint]    ' : '[NON atteint]'} ${g.description} : ${g.detail}`);
  }
  return lines.join('\n');
}

/** The README's tables, in English, from the same figures. */
export function markdownReport(args: {
  bank: string;
  command: string;
  comparisons: readonly NoiseComparison[];
  positioning: readonly PositioningRow[];
  goals: readonly Goal[];
  shortestExact?: number | null;
}): string {
  const lines: string[] = [`Bank: ${args.bank}. Command: \`${args.command}\``, ''];
  lines.push('| Noise | Method | Challenges (mean) | p90 | Exact level | Mean level error | Mean pix error | Off by ≥ 2 levels | Level announced, then taken back |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const c of args.comparisons) {
    for (const f of c.figures) {
      lines.push(
        `| ${c.noise.name} | ${f.strategy} | ${f.meanAsked.toFixed(2)} | ${f.p90Asked} | ${pct(f.exactRate)} | ${f.meanLevelError.toFixed(3)} | ${f.meanPixError.toFixed(2)} | ${pct(f.offByTwoRate)} | ${f.takenBack} |`,
      );
    }
  }
  if (args.positioning.length > 0) {
    lines.push('', '| Noise | Whole-profile method | Challenges (mean / max) | Within one level | Exact level | Whole profile within one level |');
    lines.push('|---|---|---:|---:|---:|---:|');
    for (const p of args.positioning) {
      lines.push(`| ${p.noise} | ${p.method} | ${p.meanAsked.toFixed(1)} / ${p.maxAsked} | ${pct(p.withinOneRate)} | ${pct(p.exactRate)} | ${pct(p.allWithinOneRate)} |`);
    }
  }
  if (typeof args.shortestExact === 'number') {
    const ratio = boundShare(args.comparisons, args.shortestExact);
    lines.push(
      '',
      `Bound: a method that gives every flawless student their exact level asks at least ${args.shortestExact.toFixed(2)} challenges on average on this bank${ratio === undefined ? '' : ` (${pctOf(ratio)} of smart random's mean with slip 0.1)`}.`,
    );
  }
  if (args.goals.length > 0) {
    lines.push('', '| Goal | Met | Figures |', '|---|---|---|');
    for (const g of args.goals) lines.push(`| ${g.id} | ${g.met ? 'yes' : '**no**'} | ${g.detail} |`);
  }
  return lines.join('\n');
}
