/**
 * After the session, its referent finalises it: a note per candidate (an incident, an absence); a
 * test still in progress ends there and is scored; a candidate who never started is absent.
 */
import { hostedSession, type CertificationDeps } from './deps.js';
import { AlreadyFinalisedError, NoteTooLongError, SessionNotHeldYetError, UnknownCandidateError } from './errors.js';
import { endTest } from './test-step.js';
import { parisDay } from './window.js';

export const MAX_NOTE_LENGTH = 500;

/** A session its referent may finalise now (held, not finalised yet), and its candidates: what the finalisation form lists. */
export async function finalisableSession(deps: CertificationDeps, userId: string, sessionId: string, uaj?: string) {
  const { session } = await hostedSession(deps, userId, sessionId, uaj);
  if (session.status !== 'created') throw new AlreadyFinalisedError();
  if (session.date > parisDay(deps.clock())) throw new SessionNotHeldYetError(session.date);
  return { session, candidates: await deps.candidates.ofSession(session.id) };
}

export async function finaliseSession({
  userId,
  sessionId,
  notes = {},
  uaj,
  deps,
}: {
  userId: string;
  sessionId: string;
  /** By candidate id. */
  notes?: Record<string, string>;
  uaj?: string;
  deps: CertificationDeps;
}) {
  const { session, candidates } = await finalisableSession(deps, userId, sessionId, uaj);
  const ids = new Set(candidates.map((c) => c.id));
  for (const [id, note] of Object.entries(notes)) {
    if (!ids.has(id)) throw new UnknownCandidateError();
    if (note.length > MAX_NOTE_LENGTH) throw new NoteTooLongError(MAX_NOTE_LENGTH);
  }
  // The candidates first, the status last: a finalisation cut short is run again.
  for (const candidate of candidates) {
    if (candidate.state === 'started') await endTest(deps, candidate.id, await deps.candidates.drawn(candidate.id));
    await deps.candidates.close(candidate.id, notes[candidate.id]?.trim() || null);
  }
  if (!(await deps.sessions.setStatus(session.id, 'created', 'finalised', deps.clock()))) throw new AlreadyFinalisedError();
  return { session: { ...session, status: 'finalised' as const }, candidates: candidates.length };
}
