/** The student's competence profile: 5 areas, 16 competences, level, pix, progress and what to do next. */
import { PIX_PER_LEVEL, type Localized } from '../framework/model.js';
import { availability } from './delays.js';
import type { AssessmentDeps } from './deps.js';
import type { Assessment } from './model.js';
import { scoreCompetence } from './scoring.js';

export type CompetenceStatus = 'not_started' | 'in_progress' | 'finished';

export interface ProfileCompetence {
  id: string;
  title: Localized;
  level: number;
  pix: number;
  /** pix gained toward the next level, out of PIX_PER_LEVEL */
  pixInLevel: number;
  status: CompetenceStatus;
  atHighestLevel: boolean;
  improveInDays: number;
  resetInDays: number;
  /** Something to reset: at least one answer since the last reset. */
  resettable: boolean;
}

export interface Profile {
  areas: Array<{ code: string; title: Localized; competences: ProfileCompetence[] }>;
  totalPix: number;
  maxPix: number;
  highestLevel: number;
  /** The competence to suggest next: the one in progress, else the first not started. */
  suggestion: ProfileCompetence | null;
}

export async function getProfile({ userId, deps }: { userId: string; deps: AssessmentDeps }): Promise<Profile> {
  const { framework, settings } = deps;
  const now = deps.clock();
  const [knowledge, latest] = await Promise.all([deps.assessments.knowledge(userId), deps.assessments.latestPerCompetence(userId)]);
  const lastAnswers = await deps.assessments.lastAnswerPerCompetence(userId);
  const areas = framework.areas.map((area) => ({
    code: area.code,
    title: area.title,
    competences: area.competenceIds.map((id): ProfileCompetence => {
      const score = scoreCompetence({ framework, competenceId: id, knowledge: knowledge.values(), maxLevel: settings.highestLevel });
      const status = statusOf(latest.get(id));
      const last = lastAnswers.get(id) ?? null;
      return {
        id,
        title: framework.competences.get(id)!.title,
        level: score.level,
        pix: score.pix,
        pixInLevel: score.pixInLevel,
        status,
        atHighestLevel: score.level >= settings.highestLevel,
        ...availability({ lastAnswerAt: last, settings, now }),
        resettable: status !== 'not_started' && last !== null,
      };
    }),
  }));
  const all = areas.flatMap((a) => a.competences);
  return {
    areas,
    totalPix: all.reduce((sum, c) => sum + c.pix, 0),
    maxPix: all.length * PIX_PER_LEVEL * settings.highestLevel,
    highestLevel: settings.highestLevel,
    suggestion: suggestionAmong(all),
  };
}

function statusOf(latest: Assessment | undefined): CompetenceStatus {
  return !latest || latest.state === 'reset' ? 'not_started' : latest.state === 'started' ? 'in_progress' : 'finished';
}

/** The competence to suggest next: the one in progress, else the first not started (framework order). */
function suggestionAmong<C extends { status: CompetenceStatus }>(competences: C[]): C | null {
  return competences.find((c) => c.status === 'in_progress') ?? competences.find((c) => c.status === 'not_started') ?? null;
}

export type Suggestion = Pick<ProfileCompetence, 'id' | 'title' | 'status'>;

/**
 * What a finished test's summary offers next, as the profile would tell it: the competence to
 * suggest, and the days before this one may be improved. Without the profile's scores: a test ends
 * on one answer in eight, and the knowledge of every competence is the most costly read of a turn.
 * `answeredAt`: when the test ended on an answer, that answer's time, which is the competence's last
 * (no answer is later than the one just written): not read again.
 */
export async function nextAfterTest({
  userId,
  competenceId,
  answeredAt,
  deps,
}: {
  userId: string;
  competenceId: string | null;
  answeredAt?: Date;
  deps: AssessmentDeps;
}): Promise<{ suggestion: Suggestion | null; improveInDays: number }> {
  const { framework, settings } = deps;
  const [latest, last] = await Promise.all([
    deps.assessments.latestPerCompetence(userId),
    competenceId ? (answeredAt ?? deps.assessments.lastAnswerAt(userId, competenceId)) : null,
  ]);
  const competences = framework.areas.flatMap((area) => area.competenceIds.map((id): Suggestion => ({ id, title: framework.competences.get(id)!.title, status: statusOf(latest.get(id)) })));
  return {
    suggestion: suggestionAmong(competences),
    improveInDays: competenceId ? availability({ lastAnswerAt: last, settings, now: deps.clock() }).improveInDays : settings.improveDelayDays,
  };
}
