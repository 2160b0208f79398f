/**
 * The referent publishes a finalised session's results: each candidate who took the test gets
 * their certified levels and score, the referents of every school that enrolled some get a summary
 * by class; a CSV per class is returned (and printed by `partix certification results`). The
 * messages are keyed and the status moves last, so that a publication cut short can be run again.
 */
import { formatCalendarDate } from '../i18n/dates.js';
import { hostedSession, type CertificationDeps } from './deps.js';
import { AlreadyPublishedError, PublishBeforeFinaliseError } from './errors.js';
import type { CompetenceResult, EnrolledStudent } from './model.js';
import { notifyUsers } from './notify.js';
import { classResultsCsv } from './results-csv.js';

export async function publishSession({ userId, sessionId, uaj, deps }: { userId: string; sessionId: string; uaj?: string; deps: CertificationDeps }) {
  const { session } = await hostedSession(deps, userId, sessionId, uaj);
  if (session.status === 'created') throw new PublishBeforeFinaliseError();
  if (session.status === 'published') throw new AlreadyPublishedError();
  const candidates = await deps.candidates.ofSession(session.id);
  const rows = await Promise.all(candidates.map(async (candidate) => ({ candidate, results: await deps.candidates.results(candidate.id) })));
  const told = await tellCandidates(deps, session.date, rows);
  const byClass = new Map<string, typeof rows>();
  for (const row of rows) byClass.set(row.candidate.division, [...(byClass.get(row.candidate.division) ?? []), row]);
  for (const schoolId of new Set([session.schoolId, ...candidates.map((c) => c.schoolId)])) {
    const own = [...byClass].filter(([, list]) => list.some((r) => r.candidate.schoolId === schoolId));
    await notifyUsers(deps, {
      userIds: await deps.sessions.referentsOf(schoolId),
      kind: 'certification-summary',
      key: (id) => `certification:summary:${session.id}:${id}`,
      text: (t, lang) =>
        [
          t.summaryTitle(formatCalendarDate(session.date, { lang })),
          ...own.map(([division, list]) => {
            const mine = list.filter((r) => r.candidate.schoolId === schoolId);
            const certified = mine.filter((r) => r.candidate.outcome === 'certified');
            const average = certified.length === 0 ? 0 : Math.round(certified.reduce((s, r) => s + (r.candidate.totalPix ?? 0), 0) / certified.length);
            return t.summaryLine(division, certified.length, mine.length, average);
          }),
          t.summaryCsv,
        ].join('\n\n'),
    });
  }
  await deps.sessions.setStatus(session.id, 'finalised', 'published', deps.clock());
  const csvByClass = new Map([...byClass].map(([division, list]) => [division, classResultsCsv(deps.framework, list)]));
  return { session: { ...session, status: 'published' as const }, told, csvByClass };
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
