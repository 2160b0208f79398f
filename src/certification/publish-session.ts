/**
 * The referent publishes a finalised session's results: each candidate who took the test gets
 * their certified levels and score, the referents of every school that enrolled some get a summary
 * by class of their own students, each with a signed link to the class's CSV. The
 * messages are keyed and the status moves last, so that a publication cut short can be run again.
 */
import { formatCalendarDate } from '../i18n/dates.js';
import { hostedSession, type CertificationDeps } from './deps.js';
import { AlreadyPublishedError, PublishBeforeFinaliseError } from './errors.js';
import type { CompetenceResult, EnrolledStudent } from './model.js';
import { notifyUsers } from './notify.js';
import { resultRows } from './class-results.js';
import { classSummaries } from './session-summary.js';

export async function publishSession({ userId, sessionId, uaj, deps }: { userId: string; sessionId: string; uaj?: string; deps: CertificationDeps }) {
  const { session } = await hostedSession(deps, userId, sessionId, uaj);
  if (session.status === 'created') throw new PublishBeforeFinaliseError();
  if (session.status === 'published') throw new AlreadyPublishedError();
  const candidates = await deps.candidates.ofSession(session.id);
  const rows = await resultRows(deps, candidates);
  const told = await tellCandidates(deps, session.date, rows);
  for (const schoolId of new Set([session.schoolId, ...candidates.map((c) => c.schoolId)])) {
    const classes = classSummaries(deps, session, rows, schoolId);
    await notifyUsers(deps, {
      userIds: await deps.sessions.referentsOf(schoolId),
      kind: 'certification-summary',
      key: (id) => `certification:summary:${session.id}:${id}`,
      text: (t, lang) =>
        [
          t.summaryTitle(formatCalendarDate(session.date, { lang })),
          ...classes.map((c) => t.summaryClass(c.ref.division, c.certified, c.total, c.average, c.csvUrl)),
          classes.some((c) => c.csvUrl) ? t.summaryCsvExpiry(deps.resultLinks.ttlHours, session.accessCode) : t.summaryNoPublicUrl,
        ].join('\n\n'),
    });
  }
  await deps.sessions.setStatus(session.id, 'finalised', 'published', deps.clock());
  return { session: { ...session, status: 'published' as const }, told };
}

async function tellCandidates(deps: CertificationDeps, date: string, rows: Array<{ candidate: EnrolledStudent; results: CompetenceResult[] }>): Promise<number> {
  let told = 0;
  for (const { candidate, results } of rows) {
    if (!candidate.userId || candidate.outcome === 'absent' || candidate.outcome === null) continue;
    told += await notifyUsers(deps, {
      userIds: [candidate.userId],
      kind: 'certification-result',
      key: () => `certification:result:${candidate.id}`,
      text: (t, lang) => {
        if (candidate.outcome === 'rejected') return [t.resultTitle(formatCalendarDate(date, { lang })), t.resultRejected].join('\n\n');
        const lines = results
          .filter((r) => r.outcome !== 'not_certified')
          .map((r) => t.resultLine(r.competenceId, deps.framework.competences.get(r.competenceId)?.title[lang] ?? '', r.level, r.pix));
        return [t.resultTitle(formatCalendarDate(date, { lang })), ...lines, t.resultTotal(candidate.totalPix ?? 0)].join('\n\n');
      },
    });
  }
  return told;
}
