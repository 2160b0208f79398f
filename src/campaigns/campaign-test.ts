/**
 * The campaign test: the target's competences one after the other, each a competence test with the
 * project's default method, so that what the student's profile already shows counts (a competence
 * finished before is not asked again; one in progress resumes on its question) and what the campaign
 * asks counts in the profile. Resumable at any point; a retry (multiple sendings) opens an
 * improvement pass on the competences not mastered yet.
 */
import { currentStep, type TestStep } from '../assessment/test-step.js';
import { randomSeed } from '../assessment/deps.js';
import { aboutTotal, type QuestionPosition } from '../assessment/position.js';
import type { Assessment } from '../assessment/model.js';
import { ownedParticipation, type CampaignDeps } from './deps.js';
import { CampaignArchivedError } from './errors.js';
import { competenceMastery, participationResult } from './mastery.js';
import type { Campaign, Participation, ParticipationResult, TargetCompetence } from './model.js';

/** Where the student is: "Question n sur environ N". */
export type CampaignPosition = Extract<QuestionPosition, { about: number }>;

export type CampaignStep =
  | { kind: 'question'; campaign: Campaign; participation: Participation; competenceId: string; step: TestStep; position: CampaignPosition }
  | { kind: 'finished'; campaign: Campaign; participation: Participation; result: ParticipationResult };

/** Answers of the competence's latest test that belong to this participation (0 when it ended before it). */
async function answeredHere(deps: CampaignDeps, participation: Participation, latest: Assessment | null): Promise<number> {
  if (!latest || latest.state === 'reset' || latest.state === 'abandoned') return 0;
  const inThis = latest.state === 'started' || (latest.completedAt ?? latest.createdAt) >= participation.startedAt;
  return inThis ? (await deps.assessment.assessments.answers(latest.id)).length : 0;
}

async function needsImprovement(deps: CampaignDeps, campaign: Campaign, participation: Participation, target: TargetCompetence, latest: Assessment): Promise<boolean> {
  if (participation.attempt === 1 || (latest.completedAt ?? latest.createdAt) >= participation.startedAt) return false;
  const knowledge = await deps.assessment.assessments.knowledge(participation.userId, target.competenceId);
  const result = participationResult({ framework: deps.assessment.framework, campaign: { ...campaign, targets: [target] }, knowledge, highestLevel: deps.assessment.settings.highestLevel });
  const c = result.competences[0]!;
  return competenceMastery(c) < 1 && c.level < deps.assessment.settings.highestLevel;
}

async function startTest(deps: CampaignDeps, userId: string, competenceId: string, previous: Assessment | null, improve: boolean): Promise<Assessment> {
  const a = deps.assessment;
  const { assessment } = await a.assessments.start({
    userId,
    kind: 'competence',
    competenceId,
    strategy: a.defaultStrategy,
    pass: improve && previous ? previous.pass + 1 : 1,
    seed: randomSeed(a),
    now: a.clock(),
    ...(improve ? { forget: 'invalidated' as const } : {}),
  });
  return assessment;
}

async function finished(deps: CampaignDeps, campaign: Campaign, participation: Participation): Promise<CampaignStep> {
  if (participation.state === 'started') await deps.campaigns.finish(participation.id, deps.clock());
  const current = (await deps.campaigns.participation(participation.id))!;
  const knowledge = await deps.assessment.assessments.knowledge(participation.userId);
  const result = current.result ?? participationResult({ framework: deps.assessment.framework, campaign, knowledge, highestLevel: deps.assessment.settings.highestLevel });
  return { kind: 'finished', campaign, participation: current, result };
}

/** The question to answer now (the pending one, or the first of the next competence), or the end. */
export async function campaignStep({ userId, participationId, resumed = true, deps }: { userId: string; participationId: string; resumed?: boolean; deps: CampaignDeps }): Promise<CampaignStep> {
  const { participation, campaign } = await ownedParticipation(deps, userId, participationId);
  if (campaign.archivedAt) throw new CampaignArchivedError(campaign.name);
  if (participation.state !== 'started') return finished(deps, campaign, participation);
  const expected = deps.settings.expectedPerCompetence;
  let answered = 0;
  let done = 0;
  for (const [i, target] of campaign.targets.entries()) {
    let latest = await deps.assessment.assessments.latest(userId, 'competence', target.competenceId);
    const answeredBefore = await answeredHere(deps, participation, latest);
    answered += answeredBefore;
    const improve = latest?.state === 'completed' && (await needsImprovement(deps, campaign, participation, target, latest));
    if (!latest || latest.state === 'reset' || improve) latest = await startTest(deps, userId, target.competenceId, latest, improve);
    if (latest.state === 'started') {
      const step = await currentStep(deps.assessment, latest, resumed);
      if (step.challenge) {
        const answeredIn = step.answered;
        answered += answeredIn - answeredBefore;
        const later = campaign.targets.length - i - 1;
        const progress = Math.round((100 * done) / campaign.targets.length);
        if (progress !== participation.progress) await deps.campaigns.setProgress(participation.id, progress);
        return {
          kind: 'question',
          campaign,
          participation: { ...participation, progress },
          competenceId: target.competenceId,
          step,
          position: { n: answered + 1, about: answered - answeredIn + aboutTotal(answeredIn, expected) + later * expected },
        };
      }
    }
    done++;
  }
  return finished(deps, campaign, participation);
}
