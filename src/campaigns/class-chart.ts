/**
 * A campaign's class chart, the figures src/charts draws: mastery per competence of the students
 * who shared (an assessment), or their mean level per competence (a profile collection). Nobody
 * who has not shared is counted; nothing to draw until someone has.
 */
import type { ClassChart } from '../charts/model.js';
import { resultsById, type CampaignResults } from './campaign-results.js';
import type { CampaignDeps } from './deps.js';

/** The chart's limits (src/charts/model.ts): a class name of 60 characters, a campaign's of 120, 16 bars, levels up to 8. */
const CLASS_NAME_MAX = 60;
const CAMPAIGN_NAME_MAX = 120;
const MAX_BARS = 16;
const MAX_LEVEL = 8;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
const byCode = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

export function classChartOf(results: CampaignResults, highestLevel: number): ClassChart | null {
  const { campaign, summary } = results;
  if (summary.shared === 0) return null;
  const shared = results.students.flatMap((s) => (s.result ? [s.result] : []));
  const collection = campaign.type === 'profile_collection';
  const competences = collection
    ? [...new Set(shared.flatMap((r) => r.competences.map((c) => c.competenceId)))].sort(byCode).map((code) => ({
        code,
        value: mean(shared.flatMap((r) => r.competences.filter((c) => c.competenceId === code).map((c) => c.level))),
      }))
    : summary.perCompetence.flatMap((p) => (p.meanMastery === null ? [] : [{ code: p.competenceId, value: p.meanMastery * 100 }]));
  if (competences.length === 0) return null;
  return {
    className: cut(campaign.divisions.join(', '), CLASS_NAME_MAX),
    campaignName: cut(campaign.name, CAMPAIGN_NAME_MAX),
    measure: collection ? 'level' : 'mastered',
    highestLevel: Math.min(MAX_LEVEL, highestLevel),
    participants: summary.shared,
    competences: competences.slice(0, MAX_BARS),
  };
}

/** The chart of a campaign by its id, for the chart's route (its id signed in the link, so no rights checked here). */
export async function campaignClassChart(deps: CampaignDeps, campaignId: string): Promise<ClassChart | null> {
  const results = await resultsById(deps, campaignId);
  return results ? classChartOf(results, deps.assessment.settings.highestLevel) : null;
}
