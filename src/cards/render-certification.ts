/** Cards of the certification season: the test's question card (no feedback follows), and the referent's session cards and forms. */
import type { CertificationStep } from '../certification/test-step.js';
import type { ClassSummary } from '../certification/session-summary.js';
import type { CandidateLine } from '../certification/list-candidates.js';
import { STAGES, type SessionView } from '../certification/list-sessions.js';
import type { EnrolledStudent, Session } from '../certification/model.js';
import type { SeasonWindow } from '../certification/window.js';
import { formatCalendarDate } from '../i18n/dates.js';
import type { School } from '../schools/model.js';
import { INPUT_PREFIX, questionCounter, renderChallengeCard, type RenderContext } from './render.js';
import { action, type Card, type CardAction } from './template.js';

export function renderCertificationChallenge(ctx: RenderContext, step: Extract<CertificationStep, { ended: false }>): Card {
  const { t } = ctx;
  const ids = { candidateId: step.candidateId, challengeId: step.challenge.id };
  return renderChallengeCard(ctx, step.challenge, {
    header: questionCounter(t, { n: step.position, of: step.total }),
    counter: '',
    actions: [action(t.actionSubmit, 'certAnswer', ids, 'positive'), action(t.actionSkip, 'certSkip', ids)],
  });
}

/** What the session form holds: empty at first, what was typed after a refusal. */
export interface SessionFormValues {
  date: string;
  time: string;
  site: string;
  room: string;
  examiners: string;
  description: string;
  openToNetwork: boolean;
  outsideWindow: boolean;
}

export const EMPTY_SESSION_FORM: SessionFormValues = { date: '', time: '', site: '', room: '', examiners: '', description: '', openToNetwork: false, outsideWindow: false };

/** The session form; the network toggle only when the school belongs to a network. */
export function renderSessionForm(ctx: RenderContext, { values, network, window, error = '' }: { values: SessionFormValues; network: string | null; window: SeasonWindow; error?: string }): Card {
  const f = ctx.t.certification.form;
  const labels = { date: f.date, time: f.time, site: f.site, room: f.room, examiners: f.examiners, description: f.description, outsideWindow: f.outsideWindow };
  return ctx.cards.render('session-form', {
    title: f.title,
    hint: f.hint(window),
    error,
    labels,
    required: { date: f.required(f.date), time: f.required(f.time), site: f.required(f.site), room: f.required(f.room), examiners: f.required(f.examiners) },
    ...values,
    openToNetwork: String(values.openToNetwork),
    outsideWindow: String(values.outsideWindow),
    network: network ? f.network(network) : '',
    actions: [action(f.create, 'sessionSubmit', {}, 'positive')],
  });
}

/** The buttons of a session at its stage: only those that can work now. */
function sessionActions(ctx: RenderContext, view: SessionView): CardAction[] {
  const s = ctx.t.certification.session;
  const code = { code: view.session.accessCode };
  const actions: CardAction[] = [];
  if (view.enrolOpen) actions.push(action(s.enrol, 'sessionEnrol', code));
  actions.push(action(s.candidatesAction, 'sessionCandidates', code));
  if (view.finalisable) actions.push(action(s.finalise, 'sessionFinalise', code));
  if (view.host && view.stage === 'toPublish') actions.push(action(s.publish, 'sessionPublish', code, 'positive'));
  if (view.stage === 'published') actions.push(action(s.results, 'sessionResults', code));
  return actions;
}

const stageText = (ctx: RenderContext, view: SessionView) => ctx.t.certification.session.states[view.stage];

export function renderSessionCard(ctx: RenderContext, view: SessionView, text = ''): Card {
  const s = ctx.t.certification.session;
  const { session } = view;
  return ctx.cards.render('campaign-summary', {
    title: s.title(formatCalendarDate(session.date, ctx), session.time),
    subtitle: session.description,
    text,
    facts: [
      { title: s.place, value: s.placeValue(session.site, session.room) },
      { title: s.examiners, value: session.examiners },
      { title: s.code, value: session.accessCode },
      { title: s.state, value: stageText(ctx, view) },
      { title: s.candidates, value: String(view.candidates) },
      { title: s.network, value: session.openToNetwork ? s.networkOpen : s.networkClosed },
    ],
    items: [],
    footer: '',
    actions: sessionActions(ctx, view),
  });
}

/** The referent's sessions by stage, each with its buttons; then those of the network open to the school. */
export function renderSessionList(ctx: RenderContext, school: School, views: SessionView[], network: Array<{ view: SessionView; schoolName: string }> = []): Card {
  const l = ctx.t.certification.sessions;
  const s = ctx.t.certification.session;
  const partner = network.slice(0, 15).map(({ view: v, schoolName }) => ({
    text: l.networkLine(schoolName, formatCalendarDate(v.session.date, ctx), v.session.time, s.placeValue(v.session.site, v.session.room), v.session.accessCode, v.candidates),
    actions: sessionActions(ctx, v),
  }));
  const own = STAGES.flatMap((stage) => {
    const mine = views.filter((v) => v.stage === stage).slice(-15);
    if (mine.length === 0) return [];
    return [
      { text: `**${l.groups[stage]}**`, actions: [] },
      ...mine.map((v) => ({
        text: l.line(formatCalendarDate(v.session.date, ctx), v.session.time, s.placeValue(v.session.site, v.session.room), v.session.accessCode, v.candidates),
        actions: sessionActions(ctx, v),
      })),
    ];
  });
  const items = [...own, ...(partner.length ? [{ text: `**${l.groups.network}**`, actions: [] }, ...partner] : [])];
  return ctx.cards.render('campaign-summary', { title: l.title(school.name), subtitle: '', text: views.length || partner.length ? '' : l.empty, facts: [], items, footer: '', actions: [] });
}

/** Enrolment by class: the school's classes, those of certification (CERTIFICATION_CLASSES) ticked. */
export function renderEnrolForm(ctx: RenderContext, session: Session, divisions: string[], selected: string[], error = ''): Card {
  const e = ctx.t.certification.enrolForm;
  return ctx.cards.render('session-enrol', {
    title: e.title(formatCalendarDate(session.date, ctx)),
    hint: divisions.length ? e.hint(session.accessCode) : e.noClass,
    error,
    label: e.classes,
    required: e.noneChosen,
    selected: selected.join(','),
    divisions: divisions.map((d) => ({ title: d, value: d })),
    actions: divisions.length ? [action(e.submit, 'sessionEnrolSubmit', { code: session.accessCode }, 'positive')] : [],
  });
}

/** The candidates grouped by class, eligible or not yet. */
export function renderCandidates(ctx: RenderContext, session: Session, lines: CandidateLine[]): Card {
  const c = ctx.t.certification.candidatesCard;
  const byClass = new Map<string, CandidateLine[]>();
  for (const line of lines) byClass.set(line.candidate.division, [...(byClass.get(line.candidate.division) ?? []), line]);
  const items = [...byClass].map(([division, list]) => ({
    text: [c.classLine(division, list.filter((l) => l.eligible).length, list.length), ...list.map((l) => c.line(l.candidate.lastName, l.candidate.firstName, l.eligible))].join('\n\n'),
    actions: [],
  }));
  return ctx.cards.render('campaign-summary', { title: c.title(formatCalendarDate(session.date, ctx)), subtitle: '', text: lines.length ? '' : ctx.t.certification.noCandidate, facts: [], items, footer: '', actions: [] });
}

export const NOTE_INPUT = 'note_';

/** The finalisation form: a note per candidate (optional), kept after a refusal. */
export function renderFinaliseForm(ctx: RenderContext, session: Session, candidates: EnrolledStudent[], notes: Record<string, string> = {}, error = ''): Card {
  const f = ctx.t.certification.finaliseForm;
  return ctx.cards.render('session-finalise', {
    title: f.title(formatCalendarDate(session.date, ctx)),
    hint: candidates.length ? f.hint : ctx.t.certification.noCandidate,
    error,
    notes: candidates.map((c) => ({ id: `${INPUT_PREFIX}${NOTE_INPUT}${c.id}`, label: f.note(c.lastName, c.firstName, c.division), value: notes[c.id] ?? '' })),
    actions: [action(f.submit, 'sessionFinaliseSubmit', { code: session.accessCode }, 'positive')],
  });
}

/** A published session's summary for the referent's school: per class, the figures and the CSV's signed link. */
export function renderSessionSummary(ctx: RenderContext, session: Session, classes: ClassSummary[], ttlHours: number, text = ''): Card {
  const t = ctx.t.certification;
  const withLinks = classes.some((c) => c.csvUrl);
  return ctx.cards.render('campaign-summary', {
    title: t.summaryTitle(formatCalendarDate(session.date, ctx)),
    subtitle: '',
    text,
    facts: [],
    items: classes.map((c) => ({ text: t.summaryClass(c.ref.division, c.certified, c.total, c.average, c.csvUrl), actions: [] })),
    footer: withLinks ? t.summaryCsvExpiry(ttlHours, session.accessCode) : t.summaryNoPublicUrl,
    actions: [],
  });
}
