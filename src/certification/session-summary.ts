/**
 * A published session's summary for one school: per class of its students, how many are certified,
 * the average score, and the signed link to the class's CSV (null without PUBLIC_URL). The
 * publication sends it to every school's referents; "résultats CODE" shows it again with fresh links.
 */
import { resultRows, type ResultRow } from './class-results.js';
import type { CertificationDeps } from './deps.js';
import { enrolmentAccess } from './enrolment.js';
import { PublishBeforeFinaliseError, ResultsNotPublishedError } from './errors.js';
import type { Session } from './model.js';
import type { ClassRef } from './result-links.js';

export interface ClassSummary {
  ref: ClassRef;
  certified: number;
  total: number;
  average: number;
  csvUrl: string | null;
}

/** The classes of one school's candidates, in the session's order (class, then names). */
export function classSummaries(deps: Pick<CertificationDeps, 'resultLinks'>, session: Session, rows: ResultRow[], schoolId: string): ClassSummary[] {
  const byClass = new Map<string, ResultRow[]>();
  for (const row of rows.filter((r) => r.candidate.schoolId === schoolId)) byClass.set(row.candidate.division, [...(byClass.get(row.candidate.division) ?? []), row]);
  return [...byClass].map(([division, list]) => {
    const certified = list.filter((r) => r.candidate.outcome === 'certified');
    const average = certified.length === 0 ? 0 : Math.round(certified.reduce((s, r) => s + (r.candidate.totalPix ?? 0), 0) / certified.length);
    const ref = { sessionId: session.id, schoolId, division };
    return { ref, certified: certified.length, total: list.length, average, csvUrl: deps.resultLinks.url(ref) };
  });
}

/** The referent's summary of a published session (the host's or a partner school's, its own classes). */
export async function sessionSummary({ userId, sessionId, uaj, deps }: { userId: string; sessionId: string; uaj?: string; deps: CertificationDeps }) {
  const access = await enrolmentAccess(deps, userId, sessionId, uaj, { closed: true });
  const { session } = access;
  if (session.status === 'created') throw new PublishBeforeFinaliseError();
  if (session.status !== 'published') throw new ResultsNotPublishedError();
  const rows = await resultRows(deps, await deps.candidates.ofSession(session.id));
  return { session, classes: classSummaries(deps, session, rows, access.referent.school.id) };
}
