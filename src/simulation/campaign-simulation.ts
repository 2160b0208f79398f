/**
 * A campaign's length and accuracy on simulated students (issue 12's figure). A campaign test is the
 * target's competence tests one after the other, by the default method (src/campaigns/campaign-test.ts),
 * so it is played here the same way: one test per competence, the same student, in one sitting.
 * Beside it, the same students take the same competences as separate tests (other days: other
 * random draws of the method, same answers to the same challenges), to show what the campaign
 * changes per competence. Mastery (validated ÷ targeted skills, up to the target's level) is
 * compared with the student's true mastery.
 */
import type { AdaptiveStrategy } from '../assessment/strategy.js';
import { targetedSkillIds } from '../campaigns/mastery.js';
import type { TargetCompetence } from '../campaigns/model.js';
import type { Framework } from '../framework/model.js';
import { drawStudent, mix, trueScore, type NoiseSetting, type PopulationSettings, type ProfileStudent } from './simulated-population.js';
import { playTest } from './simulator.js';

export interface CampaignCompetenceFigures {
  competenceId: string;
  campaignExact: number;
  separateExact: number;
  campaignMeanAsked: number;
  separateMeanAsked: number;
  /** Mean |measured − true| mastery of the competence's targeted skills, in points of percent. */
  campaignMasteryError: number;
}

export interface CampaignFigures {
  label: string;
  competences: number;
  students: number;
  meanAsked: number;
  p90Asked: number;
  maxAsked: number;
  /** Mean |measured − true| overall mastery, in points of percent. */
  masteryError: number;
  perCompetence: CampaignCompetenceFigures[];
}

function trueMastery(framework: Framework, student: ProfileStudent, target: TargetCompetence): { targeted: number; mastered: number } {
  const ids = targetedSkillIds(framework, target);
  const mastered = ids.filter((id) => {
    const skill = framework.skills.get(id)!;
    return skill.level <= (student.trueLevelByTube.get(skill.tubeName) ?? 0);
  }).length;
  return { targeted: ids.length, mastered };
}

const p90 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(0.9 * sorted.length) - 1)]! : 0;
};

export function simulateCampaign(args: {
  label: string;
  framework: Framework;
  strategy: AdaptiveStrategy;
  targets: TargetCompetence[];
  population: PopulationSettings;
  noise: NoiseSetting;
  students: number;
  seed: number;
  highestLevel: number;
}): CampaignFigures {
  const { framework, strategy, targets, highestLevel } = args;
  const totals: number[] = [];
  const masteryErrors: number[] = [];
  const per = targets.map((t) => ({ competenceId: t.competenceId, campaignExact: 0, separateExact: 0, campaignAsked: 0, separateAsked: 0, masteryError: 0 }));
  for (let id = 0; id < args.students; id++) {
    const student = drawStudent({ framework, population: args.population, noise: args.noise, id, seed: args.seed });
    let asked = 0;
    let validated = 0;
    let trueMastered = 0;
    let targeted = 0;
    targets.forEach((target, i) => {
      const truth = trueScore(framework, student, target.competenceId, highestLevel);
      const campaign = playTest({ framework, competenceId: target.competenceId, strategy, student, seed: mix(args.seed, id, i, 0xca), highestLevel });
      const separate = playTest({ framework, competenceId: target.competenceId, strategy, student, seed: mix(args.seed, id, i, 0x5e), highestLevel });
      asked += campaign.asked;
      const f = per[i]!;
      f.campaignAsked += campaign.asked;
      f.separateAsked += separate.asked;
      if (campaign.level === truth.level) f.campaignExact++;
      if (separate.level === truth.level) f.separateExact++;
      const ids = targetedSkillIds(framework, target);
      const measured = ids.filter((s) => campaign.knowledge.get(s)?.status === 'validated').length;
      const real = trueMastery(framework, student, target);
      f.masteryError += ids.length ? Math.abs(measured - real.mastered) / ids.length : 0;
      validated += measured;
      trueMastered += real.mastered;
      targeted += real.targeted;
    });
    totals.push(asked);
    masteryErrors.push(targeted ? Math.abs(validated - trueMastered) / targeted : 0);
  }
  const n = Math.max(args.students, 1);
  return {
    label: args.label,
    competences: targets.length,
    students: args.students,
    meanAsked: totals.reduce((a, b) => a + b, 0) / n,
    p90Asked: p90(totals),
    maxAsked: Math.max(0, ...totals),
    masteryError: (100 * masteryErrors.reduce((a, b) => a + b, 0)) / n,
    perCompetence: per.map((f) => ({
      competenceId: f.competenceId,
      campaignExact: f.campaignExact / n,
      separateExact: f.separateExact / n,
      campaignMeanAsked: f.campaignAsked / n,
      separateMeanAsked: f.separateAsked / n,
      campaignMasteryError: (100 * f.masteryError) / n,
    })),
  };
}

/** The figures as Markdown tables, for the README. */
export function campaignMarkdown(rows: CampaignFigures[], noise: string, command: string): string {
  const pct = (r: number) => `${(100 * r).toFixed(1)} %`;
  const lines = [
    `Campaign length and accuracy (\`${command}\`, noise ${noise}):`,
    '',
    '| Campaign | Competences | Students | Challenges (mean) | p90 | max | Overall mastery error (points) |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.label} | ${r.competences} | ${r.students} | ${r.meanAsked.toFixed(1)} | ${r.p90Asked} | ${r.maxAsked} | ${r.masteryError.toFixed(1)} |`),
    '',
  ];
  const first = rows[0];
  if (first) {
    lines.push(
      `Per competence, ${first.label}: the campaign against the same competences taken as separate tests (same students):`,
      '',
      '| Competence | Exact level, campaign | Exact level, separate | Challenges, campaign | Challenges, separate | Mastery error (points) |',
      '|---|---:|---:|---:|---:|---:|',
      ...first.perCompetence.map((c) => `| ${c.competenceId} | ${pct(c.campaignExact)} | ${pct(c.separateExact)} | ${c.campaignMeanAsked.toFixed(2)} | ${c.separateMeanAsked.toFixed(2)} | ${c.campaignMasteryError.toFixed(1)} |`),
    );
  }
  return lines.join('\n');
}
