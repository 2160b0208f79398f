/**
 * One class's results of a published session: its candidates (of one school, when given) with their
 * competences' results, and the CSV of them; what the signed link serves and the CLI writes.
 */
import type { CertificationDeps } from './deps.js';
import type { CompetenceResult, EnrolledStudent, Session } from './model.js';
import type { ClassRef } from './result-links.js';
import { classResultsCsv } from './results-csv.js';

export type ResultRow = { candidate: EnrolledStudent; results: CompetenceResult[] };

export async function resultRows(deps: Pick<CertificationDeps, 'candidates'>, candidates: EnrolledStudent[]): Promise<ResultRow[]> {
  return Promise.all(candidates.map(async (candidate) => ({ candidate, results: await deps.candidates.results(candidate.id) })));
}

export async function classResultRows(deps: Pick<CertificationDeps, 'candidates'>, session: Session, division: string, schoolId?: string): Promise<ResultRow[]> {
  const candidates = (await deps.candidates.ofSession(session.id)).filter((c) => c.division === division && (!schoolId || c.schoolId === schoolId));
  return resultRows(deps, candidates);
}

export type ClassResultsFile = { status: 200; csv: string; filename: string } | { status: 404; reason: 'expired' | 'not_found' };

/** What GET /certification/results/…/:token.csv answers: the class's CSV when the link is ours, in time, and the session published. */
export async function classResultsFile({ ref, token, deps }: { ref: ClassRef; token: string; deps: CertificationDeps }): Promise<ClassResultsFile> {
  const check = deps.resultLinks.check(ref, token);
  if (check !== 'valid') return { status: 404, reason: check === 'expired' ? 'expired' : 'not_found' };
  const session = await deps.sessions.byId(ref.sessionId);
  if (!session || session.status !== 'published') return { status: 404, reason: 'not_found' };
  const rows = await classResultRows(deps, session, ref.division, ref.schoolId);
  if (rows.length === 0) return { status: 404, reason: 'not_found' };
  const safe = ref.division.replace(/[^A-Za-z0-9_-]/g, '_');
  return { status: 200, csv: classResultsCsv(deps.framework, rows), filename: `certification-${session.date}-${safe}.csv` };
}
