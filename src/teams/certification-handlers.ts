/** Chat handlers of the certification season: call a use case, answer with text or a card. */
import { answerCertificationChallenge } from '../certification/answer-certification.js';
import { checkEligibility } from '../certification/check-eligibility.js';
import { checkIn } from '../certification/check-in.js';
import { createSession } from '../certification/create-session.js';
import type { CertificationDeps } from '../certification/deps.js';
import { enrolDivisions } from '../certification/enrol-divisions.js';
import { referentOf } from '../certification/deps.js';
import { enrolByIdentity, enrolmentTarget } from '../certification/enrol-by-identity.js';
import { enrolmentChoices } from '../certification/enrolment.js';
import { InvalidSessionFieldsError, NoteTooLongError, SessionDateError, SessionNotFoundError, UnknownCandidateError, UnknownDivisionsError } from '../certification/errors.js';
import { finalisableSession, finaliseSession } from '../certification/finalise-session.js';
import { listSessions, sessionView } from '../certification/list-sessions.js';
import type { Session } from '../certification/model.js';
import { sessionSummary } from '../certification/session-summary.js';
import { listCandidates } from '../certification/list-candidates.js';
import { publishSession } from '../certification/publish-session.js';
import { startCertificationTest } from '../certification/start-test.js';
import type { CertificationStep } from '../certification/test-step.js';
import { INPUT_PREFIX, renderNotice } from '../cards/render.js';
import {
  EMPTY_SESSION_FORM,
  NOTE_INPUT,
  renderCandidates,
  renderCertificationChallenge,
  renderEnrolForm,
  renderFinaliseForm,
  renderSessionCard,
  renderSessionForm,
  renderSessionList,
  renderSessionSummary,
  type SessionFormValues,
} from '../cards/render-certification.js';
import { action, type Card } from '../cards/template.js';
import { certificationErrorText } from '../i18n/certification-errors.js';
import { formatCalendarDate } from '../i18n/dates.js';
import type { ReminderDeps } from '../reminders/deps.js';
import { setReminders } from '../reminders/set-reminders.js';
import { cardInputs } from './commands.js';
import { NEW_SESSION, type CertificationVerb } from './certification-commands.js';
import { creationKey } from './creation-key.js';
import type { Handler, Reply, Turn } from './turn.js';

export interface CertificationTurnDeps {
  certification: CertificationDeps;
  reminders: ReminderDeps;
}

const text = (value: string): Reply => ({ messages: [{ text: value }] });
const card = (value: Card): Reply => ({ messages: [{ card: value }] });
const tOf = (turn: Turn) => turn.render.t.certification;
const args = (turn: Turn) => String(turn.payload.args ?? '').trim();

/** "04/05/2011" or "2011-05-04" → "2011-05-04". */
function isoDay(typed: string): string {
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(typed);
  return fr ? `${fr[3]}-${fr[2]}-${fr[1]}` : typed;
}

export function certificationHandlers(deps: CertificationTurnDeps) {
  const d = deps.certification;
  /** A referent's session, named by its access code: whoever is no referent is told so first, whatever the code. */
  const sessionOf = async (turn: Turn) => {
    await referentOf(d, turn.user.id);
    const session = await d.sessions.byCode(String(turn.payload.code ?? '').toUpperCase());
    if (!session) throw new SessionNotFoundError();
    return session;
  };
  /** The session form, with the school's network (its toggle) and the season's window. */
  const form = async (turn: Turn, values: SessionFormValues, error = ''): Promise<Reply> => {
    const referent = await referentOf(d, turn.user.id);
    const { network } = await d.sessions.settings(referent.school.id);
    return card(renderSessionForm(turn.render, { values, network, window: d.settings.window, error }));
  };
  const created = (turn: Turn, session: Session) => tOf(turn).sessionCreated(formatCalendarDate(session.date, turn.render), session.time, session.accessCode);
  /** A published session's summary, with fresh links to its classes' CSV. */
  const summary = async (turn: Turn, sessionId: string, note = ''): Promise<Reply> => {
    const { session, classes } = await sessionSummary({ userId: turn.user.id, sessionId, deps: d });
    return card(renderSessionSummary(turn.render, session, classes, d.resultLinks.ttlHours, note));
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
      const line = args(turn);
      if (line === '' || NEW_SESSION.test(line)) return form(turn, EMPTY_SESSION_FORM);
      const [when = '', site = '', room = '', examiners = '', description = ''] = line.split(';').map((p) => p.trim());
      const [date = '', time = ''] = when.split(/\s+/);
      const session = await createSession({ userId: turn.user.id, input: { date: isoDay(date), time, site, room, examiners, description, openToNetwork: /réseau|network/i.test(description) }, creationKey: creationKey(turn, 'line'), deps: d });
      return card(renderSessionCard(turn.render, await sessionView(d, session, session.schoolId), created(turn, session)));
    },
    async sessionSubmit(turn) {
      const inputs = cardInputs(turn.payload, INPUT_PREFIX);
      const typed = (v: unknown, max = 1000) => (typeof v === 'string' ? v.slice(0, max) : '');
      const values: SessionFormValues = {
        date: typed(inputs.date, 10),
        time: typed(inputs.time, 5),
        site: typed(inputs.site),
        room: typed(inputs.room),
        examiners: typed(inputs.examiners),
        description: typed(inputs.description),
        openToNetwork: inputs.openToNetwork === 'true',
        outsideWindow: inputs.outsideWindow === 'true',
      };
      try {
        const session = await createSession({ userId: turn.user.id, input: values, creationKey: creationKey(turn, 'card'), deps: d });
        return { update: renderSessionCard(turn.render, await sessionView(d, session, session.schoolId), created(turn, session)), messages: [] };
      } catch (error) {
        // A refusal the referent can fix: the form again, with what they typed and why.
        if (!(error instanceof SessionDateError || error instanceof InvalidSessionFieldsError)) throw error;
        const again = await form(turn, values, certificationErrorText(error, tOf(turn)) ?? '');
        return { update: again.messages[0]!.card!, messages: [] };
      }
    },
    async sessions(turn) {
      const { school, sessions, network } = await listSessions({ userId: turn.user.id, deps: d });
      return card(renderSessionList(turn.render, school, sessions, network));
    },
    async sessionEnrol(turn) {
      const session = await sessionOf(turn);
      const choices = await enrolmentChoices({ userId: turn.user.id, sessionId: session.id, deps: d });
      const words = args(turn).split(/[\s,]+/).filter((w) => w !== '');
      if (words.length === 0) return card(renderEnrolForm(turn.render, session, choices.divisions, choices.divisions.filter((c) => deps.reminders.certificationClasses.test(c))));
      const target = enrolmentTarget(words, choices.divisions);
      if (target.kind === 'divisions') {
        const { added, already } = await enrolDivisions({ userId: turn.user.id, sessionId: session.id, divisions: target.divisions, deps: d });
        return text(tOf(turn).enrolled(added, already));
      }
      const one = await enrolByIdentity({ userId: turn.user.id, sessionId: session.id, who: target.who, deps: d });
      const o = tOf(turn).one;
      switch (one.outcome) {
        case 'added':
          return text(o.added(one.firstName, one.lastName, one.division));
        case 'already':
          return text(o.already(one.firstName, one.lastName, one.division));
        case 'notFound':
          return text(o.notFound(one.typed));
        case 'homonyms':
          return text(o.homonyms(one.typed));
      }
    },
    async sessionEnrolSubmit(turn) {
      const session = await sessionOf(turn);
      const chosen = String(cardInputs(turn.payload, INPUT_PREFIX).divisions ?? '')
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c !== '');
      // The rights first (and the classes, should the form come back).
      const choices = await enrolmentChoices({ userId: turn.user.id, sessionId: session.id, deps: d });
      const again = (error: string): Reply => ({ update: renderEnrolForm(turn.render, session, choices.divisions, chosen.filter((c) => choices.divisions.includes(c)), error), messages: [] });
      if (chosen.length === 0) return again(tOf(turn).enrolForm.noneChosen);
      try {
        const { added, already } = await enrolDivisions({ userId: turn.user.id, sessionId: session.id, divisions: chosen, deps: d });
        return { update: renderSessionCard(turn.render, await sessionView(d, session, choices.referent.school.id), tOf(turn).enrolled(added, already)), messages: [] };
      } catch (error) {
        if (!(error instanceof UnknownDivisionsError)) throw error;
        return again(certificationErrorText(error, tOf(turn)) ?? '');
      }
    },
    async sessionCandidates(turn) {
      const session = await sessionOf(turn);
      const lines = await listCandidates({ userId: turn.user.id, sessionId: session.id, deps: d });
      return card(renderCandidates(turn.render, session, lines));
    },
    async sessionFinalise(turn) {
      const { session, candidates } = await finalisableSession(d, turn.user.id, (await sessionOf(turn)).id);
      return card(renderFinaliseForm(turn.render, session, candidates));
    },
    async sessionFinaliseSubmit(turn) {
      const session = await sessionOf(turn);
      const inputs = cardInputs(turn.payload, `${INPUT_PREFIX}${NOTE_INPUT}`);
      const notes = Object.fromEntries(Object.entries(inputs).map(([id, note]) => [id.slice(0, 64), typeof note === 'string' ? note : '']));
      try {
        const { session: finalised, candidates } = await finaliseSession({ userId: turn.user.id, sessionId: session.id, notes, deps: d });
        return { update: renderSessionCard(turn.render, await sessionView(d, finalised, finalised.schoolId), tOf(turn).finalised(candidates)), messages: [] };
      } catch (error) {
        // A note too long: the form again, every note kept.
        if (!(error instanceof NoteTooLongError || error instanceof UnknownCandidateError)) throw error;
        const { candidates } = await finalisableSession(d, turn.user.id, session.id);
        return { update: renderFinaliseForm(turn.render, session, candidates, notes, certificationErrorText(error, tOf(turn)) ?? ''), messages: [] };
      }
    },
    async sessionPublish(turn) {
      const session = await sessionOf(turn);
      const { told } = await publishSession({ userId: turn.user.id, sessionId: session.id, deps: d });
      return summary(turn, session.id, tOf(turn).published(told));
    },
    async sessionResults(turn) {
      return summary(turn, (await sessionOf(turn)).id);
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
