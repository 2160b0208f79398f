/** Chat handlers of the certification season: call a use case, answer with text or a card. */
import { answerCertificationChallenge } from '../certification/answer-certification.js';
import { checkEligibility } from '../certification/check-eligibility.js';
import { checkIn } from '../certification/check-in.js';
import { createSession } from '../certification/create-session.js';
import type { CertificationDeps } from '../certification/deps.js';
import { enrolDivisions } from '../certification/enrol-divisions.js';
import { SessionNotFoundError } from '../certification/errors.js';
import { finaliseSession } from '../certification/finalise-session.js';
import { listCandidates } from '../certification/list-candidates.js';
import { publishSession } from '../certification/publish-session.js';
import { startCertificationTest } from '../certification/start-test.js';
import type { CertificationStep } from '../certification/test-step.js';
import { INPUT_PREFIX, renderNotice } from '../cards/render.js';
import { renderCertificationChallenge } from '../cards/render-certification.js';
import { action } from '../cards/template.js';
import { formatCalendarDate } from '../i18n/dates.js';
import type { ReminderDeps } from '../reminders/deps.js';
import { setReminders } from '../reminders/set-reminders.js';
import { cardInputs } from './commands.js';
import type { CertificationVerb } from './certification-commands.js';
import type { Handler, Reply, Turn } from './turn.js';

export interface CertificationTurnDeps {
  certification: CertificationDeps;
  reminders: ReminderDeps;
}

const text = (value: string): Reply => ({ messages: [{ text: value }] });
const tOf = (turn: Turn) => turn.render.t.certification;
const args = (turn: Turn) => String(turn.payload.args ?? '').trim();

/** "04/05/2011" or "2011-05-04" → "2011-05-04". */
function isoDay(typed: string): string {
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(typed);
  return fr ? `${fr[3]}-${fr[2]}-${fr[1]}` : typed;
}

export function certificationHandlers(deps: CertificationTurnDeps) {
  const d = deps.certification;
  /** A referent's session, named by its access code. */
  const sessionOf = async (turn: Turn) => {
    const session = await d.sessions.byCode(String(turn.payload.code ?? '').toUpperCase());
    if (!session) throw new SessionNotFoundError();
    return session;
  };
  const step = (turn: Turn, s: CertificationStep): Reply =>
    s.ended ? text(tOf(turn).testEnded) : { messages: [{ card: renderCertificationChallenge(turn.render, s) }] };
  const answer = async (turn: Turn, skip: boolean): Promise<Reply> => {
    const next = await answerCertificationChallenge({
      userId: turn.user.id,
      candidateId: String(turn.payload.candidateId ?? ''),
      challengeId: turn.payload.challengeId ?? '',
      raw: cardInputs(turn.payload, INPUT_PREFIX),
      skip,
      deps: d,
    });
    return { update: renderNotice(turn.render, tOf(turn).answerRecorded), messages: step(turn, next).messages };
  };
  return {
    async certification(turn) {
      const t = tOf(turn);
      const e = await checkEligibility({ userId: turn.user.id, deps: d });
      if (e.eligible) return text(t.eligible(e.certifiable.length));
      const lines = e.closest.map((c) => t.closestLine(c.competenceId, d.framework.competences.get(c.competenceId)!.title[turn.render.lang], c.missingPix));
      const actions = e.closest.map((c) => action(t.actionWorkOn(c.competenceId), 'start', { competenceId: c.competenceId }));
      return { messages: [{ card: renderNotice(turn.render, [t.notEligible(e.certifiable.length, 5), ...lines].join('\n\n'), actions) }] };
    },
    async sessionCreate(turn) {
      const [when = '', site = '', room = '', examiners = '', description = ''] = args(turn).split(';').map((p) => p.trim());
      const [date = '', time = ''] = when.split(/\s+/);
      const session = await createSession({ userId: turn.user.id, input: { date: isoDay(date), time, site, room, examiners, description, openToNetwork: /réseau|network/i.test(description) }, deps: d });
      return text(tOf(turn).sessionCreated(formatCalendarDate(session.date, { lang: turn.render.lang }), session.time, session.accessCode));
    },
    async sessionEnrol(turn) {
      const session = await sessionOf(turn);
      const { added, already } = await enrolDivisions({ userId: turn.user.id, sessionId: session.id, divisions: args(turn).split(/[\s,]+/), deps: d });
      return text(tOf(turn).enrolled(added, already));
    },
    async sessionCandidates(turn) {
      const session = await sessionOf(turn);
      const t = tOf(turn);
      const lines = await listCandidates({ userId: turn.user.id, sessionId: session.id, deps: d });
      return text(lines.map((l) => t.candidateLine(l.candidate.division, l.candidate.lastName, l.candidate.firstName, l.eligible)).join('\n\n') || t.noCandidate);
    },
    async sessionFinalise(turn) {
      const session = await sessionOf(turn);
      const { candidates } = await finaliseSession({ userId: turn.user.id, sessionId: session.id, deps: d });
      return text(tOf(turn).finalised(candidates));
    },
    async sessionPublish(turn) {
      const session = await sessionOf(turn);
      const { told } = await publishSession({ userId: turn.user.id, sessionId: session.id, deps: d });
      return text(tOf(turn).published(told));
    },
    async certCheckIn(turn) {
      const names = args(turn).split(/\s+/);
      const identity = { firstName: names.slice(0, -1).join(' ') || names[0] || '', lastName: names.at(-1) ?? '', birthDate: isoDay(String(turn.payload.birthDate ?? '')) };
      const { session, candidate } = await checkIn({ userId: turn.user.id, accessCode: String(turn.payload.code ?? ''), identity, deps: d });
      const t = tOf(turn);
      const start = action(t.actionStartTest, 'certStart', { candidateId: candidate.id });
      return { messages: [{ card: renderNotice(turn.render, `${t.checkedIn(candidate.firstName, candidate.lastName, formatCalendarDate(session.date, { lang: turn.render.lang }))}\n\n${t.testIntro(session.durationMinutes)}`, [start]) }] };
    },
    async certStart(turn) {
      return step(turn, await startCertificationTest({ userId: turn.user.id, candidateId: String(turn.payload.candidateId ?? ''), deps: d }));
    },
    async certAnswer(turn) {
      return answer(turn, false);
    },
    async certSkip(turn) {
      return answer(turn, true);
    },
    async remindersStop(turn) {
      await setReminders({ userId: turn.user.id, enabled: false, deps: deps.reminders });
      return text(tOf(turn).stopped);
    },
    async remindersStart(turn) {
      await setReminders({ userId: turn.user.id, enabled: true, deps: deps.reminders });
      return text(tOf(turn).restarted);
    },
  } satisfies Record<CertificationVerb, Handler>;
}
