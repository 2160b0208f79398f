/** Cards of campaigns: the form, a campaign's summary, the list, the push and its status, results; the student's invitation, end and share. */
import type { CampaignResults } from '../campaigns/campaign-results.js';
import type { CampaignStep } from '../campaigns/campaign-test.js';
import type { CampaignFormChoices } from '../campaigns/form-choices.js';
import { campaignFormValues, type CampaignFormValues } from '../campaigns/form.js';
import { competenceMastery } from '../campaigns/mastery.js';
import type { Campaign, Participation, ParticipationResult } from '../campaigns/model.js';
import type { PushOutcome } from '../campaigns/push-campaign.js';
import type { PushStatus } from '../campaigns/push-status.js';
import { READY_MADE_TARGETS, readyMadeTarget } from '../campaigns/targets.js';
import { formatCalendarDate } from '../i18n/dates.js';
import type { School } from '../schools/model.js';
import { header, questionCounter, renderChallengeCard, type RenderContext } from './render.js';
import { action, type Card, type CardAction } from './template.js';

const MAX_STUDENT_LINES = 80;
/** The form's choice for "no ready-made target" (a choice needs a value). */
export const NO_TARGET = 'none';

const fact = (title: string, value: string) => ({ title, value });

function targetText(ctx: RenderContext, campaign: Campaign): string {
  const c = ctx.t.campaign;
  if (campaign.type === 'profile_collection') return c.types.profile_collection;
  const ready = campaign.targetName ? readyMadeTarget(campaign.targetName) : null;
  const lines = campaign.targets.map((t) => c.targetLine(t.competenceId, ctx.framework.competences.get(t.competenceId)?.title[ctx.lang] ?? '', t.level));
  return ready ? `${ready.label[ctx.lang]} : ${lines.join(' · ')}` : lines.join(' · ');
}

const ids = (campaign: Campaign) => ({ campaignId: campaign.id });

/**
 * The creation form, or the edit form of a campaign (pre-filled with it); after a refusal the same
 * form again, with what the teacher typed and the reason above the fields. Its choices are the
 * server's: the school's classes in school order, the framework's competences, the ready-made targets.
 */
export function renderCampaignForm(ctx: RenderContext, choices: CampaignFormChoices, highest: number, shown: { values?: CampaignFormValues; error?: string } = {}): Card {
  const c = ctx.t.campaign;
  const { school, divisions, campaign } = choices;
  const blank: CampaignFormValues = { name: '', type: 'assessment', target: NO_TARGET, competences: '', level: '', divisions: '', title: '', landingText: '', deadline: '', multipleSendings: 'false' };
  const values = shown.values ?? (campaign ? campaignFormValues(campaign) : blank);
  return ctx.cards.render('campaign-form', {
    title: campaign ? `${c.formEditTitle} · ${campaign.name} (${campaign.code})` : `${c.formTitle} · ${school.name}`,
    error: shown.error ?? '',
    hint: campaign ? '' : c.formHint,
    labels: c.formFields,
    levelPlaceholder: c.formFields.levelDefault,
    values: { ...values, type: values.type || 'assessment', target: values.target || NO_TARGET, multipleSendings: values.multipleSendings === 'true' ? 'true' : 'false' },
    types: (['assessment', 'profile_collection'] as const).map((value) => ({ title: c.types[value], value })),
    targets: [{ title: c.formFields.targetNone, value: NO_TARGET }, ...READY_MADE_TARGETS.map((t) => ({ title: t.label[ctx.lang], value: t.name }))],
    competences: [...ctx.framework.competences.values()].map((k) => ({ title: `${k.id} ${k.title[ctx.lang]}`, value: k.id })),
    levels: Array.from({ length: highest }, (_, i) => ({ title: String(i + 1), value: String(i + 1) })),
    divisions: divisions.map((d) => ({ title: d, value: d })),
    actions: [campaign ? action(c.actionSave, 'campaignUpdate', ids(campaign), 'positive') : action(c.actionCreate, 'campaignCreate', { uaj: school.uaj }, 'positive')],
  });
}

/** The teacher's view of one campaign, with what they can do next. */
export function renderCampaignSummary(ctx: RenderContext, campaign: Campaign, text = ''): Card {
  const c = ctx.t.campaign;
  const f = c.facts;
  const facts = [
    fact(f.code, campaign.code),
    fact(f.type, c.types[campaign.type]),
    fact(f.target, targetText(ctx, campaign)),
    fact(f.divisions, campaign.divisions.join(', ')),
    fact(f.multipleSendings, campaign.multipleSendings ? c.yes : c.no),
    fact(f.state, campaign.archivedAt ? c.archived : c.active),
  ];
  if (campaign.deadline) facts.splice(4, 0, fact(f.deadline, formatCalendarDate(campaign.deadline, ctx)));
  const actions: CardAction[] = [action(c.actionResults, 'campaignResults', ids(campaign)), action(c.actionStatus, 'campaignStatus', ids(campaign))];
  if (!campaign.archivedAt) actions.unshift(action(c.actionPush, 'campaignPush', ids(campaign), 'positive'));
  if (!campaign.archivedAt) actions.push(action(c.actionEdit, 'campaignEdit', ids(campaign)), action(c.actionArchive, 'campaignArchive', ids(campaign), 'destructive'));
  return ctx.cards.render('campaign-summary', { title: campaign.name, subtitle: campaign.title ?? '', text, facts, items: [], footer: '', actions });
}

export function renderCampaignCreated(ctx: RenderContext, campaign: Campaign): Card {
  return renderCampaignSummary(ctx, campaign, ctx.t.campaign.created(campaign.name, campaign.code));
}

export function renderCampaignEdited(ctx: RenderContext, campaign: Campaign): Card {
  return renderCampaignSummary(ctx, campaign, campaign.archivedAt ? ctx.t.campaign.archivedDone(campaign.name) : ctx.t.campaign.edited(campaign.name));
}

export function renderCampaignList(ctx: RenderContext, school: School, campaigns: Array<{ campaign: Campaign; participants: number }>): Card {
  const c = ctx.t.campaign;
  return ctx.cards.render('campaign-summary', {
    title: c.listTitle(school.name),
    subtitle: '',
    text: campaigns.length ? '' : c.listEmpty,
    facts: [],
    items: campaigns.map(({ campaign, participants }) => ({
      text: c.listLine(campaign.name, campaign.code, participants),
      actions: campaign.archivedAt ? [action(c.actionResults, 'campaignResults', ids(campaign))] : [action(c.actionResults, 'campaignResults', ids(campaign)), action(c.actionEdit, 'campaignEdit', ids(campaign))],
    })),
    footer: '',
    actions: [action(c.actionNew, 'campaignForm', { uaj: school.uaj }, 'positive')],
  });
}

export function renderPushOutcome(ctx: RenderContext, campaign: Campaign, outcome: PushOutcome): Card {
  const c = ctx.t.campaign;
  return ctx.cards.render('notice', { text: c.pushed(outcome.enqueued, outcome.already, outcome.notLinked, outcome.code), actions: [action(c.actionStatus, 'campaignStatus', ids(campaign))] });
}

export function renderPushStatus(ctx: RenderContext, campaign: Campaign, status: PushStatus): Card {
  const c = ctx.t.campaign;
  const f = c.statusFacts;
  const n = status.notReached;
  const facts = [fact(f.targeted, String(status.targeted)), fact(f.reached, String(status.reached)), fact(f.pending, String(status.pending)), fact(f.joined, String(status.joined))];
  const reasons: Array<[string, number]> = [[f.neverOpened, n.neverOpened], [f.blocked, n.blocked], [f.conversationGone, n.conversationGone], [f.notLinked, n.notLinked], [f.notPushed, n.notPushed], [f.failed, n.failed]];
  for (const [title, count] of reasons) if (count > 0) facts.push(fact(title, String(count)));
  const actions = [action(c.actionStatus, 'campaignStatus', ids(campaign)), action(c.actionResults, 'campaignResults', ids(campaign))];
  if (n.notPushed > 0 && !campaign.archivedAt) actions.unshift(action(c.actionPush, 'campaignPush', ids(campaign), 'positive'));
  return ctx.cards.render('campaign-summary', { title: c.statusTitle(campaign.name), subtitle: '', text: '', facts, items: [], footer: c.statusCode(status.code), actions });
}

/** The class chart of a results card: its image's signed URL (PUBLIC_URL set), or else its text table; neither until someone shared. */
export interface ResultsChart {
  url: string | null;
  table: string | null;
}

/** Results as a card: the chart as an image when there is a public address for it, else as a text table; the figures as text in any case. */
export function renderCampaignResults(ctx: RenderContext, results: CampaignResults, chart: ResultsChart = { url: null, table: null }): Card {
  const c = ctx.t.campaign;
  const { campaign, summary } = results;
  const collection = campaign.type === 'profile_collection';
  const line = (s: CampaignResults['students'][number]) => {
    const state = c.states[s.state];
    if (collection) return `${c.resultsStudent(s.lastName, s.firstName, s.division, state, s.progress, null)}${s.result ? ` · ${c.resultsPix(s.result.totalPix)}` : ''}`;
    return c.resultsStudent(s.lastName, s.firstName, s.division, state, s.progress, s.result?.mastery ?? null);
  };
  const actions: CardAction[] = [action(c.actionExport, 'campaignExport', ids(campaign))];
  if (!campaign.archivedAt) actions.push(action(c.actionRemind, 'campaignRemind', ids(campaign)), action(c.actionArchive, 'campaignArchive', ids(campaign), 'destructive'));
  const hidden = results.students.length - MAX_STUDENT_LINES;
  return ctx.cards.render('campaign-results', {
    title: c.resultsTitle(campaign.name),
    summary: c.resultsSummary(summary.participants, summary.targeted, summary.shared),
    mastery: collection ? '' : c.resultsMastery(summary.meanMastery),
    competences: summary.perCompetence.map((p) => fact(p.competenceId, c.resultsCompetence(ctx.framework.competences.get(p.competenceId)?.title[ctx.lang] ?? p.competenceId, p.meanMastery))),
    chartUrl: chart.url ?? '',
    chartAlt: c.resultsMastery(summary.meanMastery),
    chartTable: chart.url ? [] : (chart.table?.split('\n') ?? []).map((text) => ({ line: text })),
    students: results.students.slice(0, MAX_STUDENT_LINES).map((s) => ({ text: line(s) })),
    more: hidden > 0 ? `+ ${hidden}` : '',
    actions,
  });
}

/** The answer to "Exporter (CSV)": the signed link to the file, or, without PUBLIC_URL, whom to ask (never an operator's command). */
export function renderCampaignExport(ctx: RenderContext, campaign: Campaign, url: string | null, ttlHours: number): Card {
  const c = ctx.t.campaign;
  if (!url) return ctx.cards.render('notice', { text: c.exportNoLink, actions: [action(c.actionResults, 'campaignResults', ids(campaign))] });
  return ctx.cards.render('notice', {
    text: `${c.exportReady(campaign.name)} ${c.exportLink(ttlHours)}`,
    actions: [{ type: 'Action.OpenUrl', title: c.actionDownload, url }, action(c.actionResults, 'campaignResults', ids(campaign))],
  });
}

/** The card in the student's personal chat (a push or a reminder), and the landing shown on joining by the code. */
export function renderCampaignInvite(ctx: RenderContext, campaign: Campaign, purpose: 'push' | 'remind' | 'landing', participation: Participation | null): Card {
  const c = ctx.t.campaign;
  const landing = campaign.landingText ?? (campaign.type === 'assessment' ? c.landingDefault(campaign.targets.length) : c.collectionLanding);
  const intro = purpose === 'remind' ? c.remindText : c.inviteText;
  const facts = campaign.deadline ? [fact(c.facts.deadline, formatCalendarDate(campaign.deadline, ctx))] : [];
  const started = participation && participation.state === 'started' && participation.progress > 0;
  return ctx.cards.render('campaign-summary', {
    title: c.inviteTitle(campaign.title ?? campaign.name),
    subtitle: campaign.type === 'assessment' ? targetText(ctx, campaign) : '',
    text: purpose === 'landing' ? landing : `${intro}\n\n${landing}`,
    facts,
    items: [],
    footer: '',
    actions: [action(started ? c.actionResume : c.actionStart, 'campaignStart', { code: campaign.code }, 'positive'), action(c.actionLater, 'campaignLater', { code: campaign.code })],
  });
}

export const campaignCounter = (ctx: RenderContext, step: Extract<CampaignStep, { kind: 'question' }>) => questionCounter(ctx.t, step.position);

/** A question of the campaign test: its buttons name the participation, so the campaign's answer verb takes them, not the competence test's. */
export function renderCampaignChallenge(ctx: RenderContext, step: Extract<CampaignStep, { kind: 'question' }>): Card {
  const challenge = step.step.challenge!;
  const ids = { participationId: step.participation.id, assessmentId: step.step.assessment.id, challengeId: challenge.id };
  return renderChallengeCard(ctx, challenge, {
    header: header(ctx, challenge, step.step.assessment.kind),
    counter: campaignCounter(ctx, step),
    actions: [action(ctx.t.actionSubmit, 'campaignAnswer', ids, 'positive'), action(ctx.t.actionSkip, 'campaignSkip', ids)],
  });
}

function resultLines(ctx: RenderContext, result: ParticipationResult, collection: boolean) {
  const c = ctx.t.campaign;
  const title = (id: string) => ctx.framework.competences.get(id)?.title[ctx.lang] ?? id;
  return result.competences.map((k) => ({
    text: collection ? `${ctx.t.profileLevel(k.level, k.pix)} · ${k.competenceId} ${title(k.competenceId)}` : `${c.endCompetence(k.competenceId, title(k.competenceId), k.validatedSkills, k.targetedSkills)} (${Math.round(competenceMastery(k) * 100)} %)`,
    actions: [],
  }));
}

/** The end of the test (or a profile collection's only step): the result, and the share button while not shared. */
export function renderCampaignEnd(ctx: RenderContext, step: Extract<CampaignStep, { kind: 'finished' }>, retryInDays: number | null): Card {
  const c = ctx.t.campaign;
  const { campaign, participation, result } = step;
  const collection = campaign.type === 'profile_collection';
  const actions: CardAction[] = [];
  if (participation.state === 'finished') actions.push(action(c.actionShare, 'campaignShare', { participationId: participation.id }, 'positive'));
  else if (campaign.multipleSendings && retryInDays === 0) actions.push(action(c.actionRetry, 'campaignRetry', { participationId: participation.id }));
  const footer = participation.state === 'finished' ? c.endShareHint : participation.sharedAt ? `${c.shared(campaign.name)}${retryInDays ? ` ${c.retryIn(retryInDays)}` : ''}` : '';
  return ctx.cards.render('campaign-summary', {
    title: c.endTitle(campaign.title ?? campaign.name),
    subtitle: collection ? c.resultsPix(result.totalPix) : '',
    text: collection ? c.collectionLanding : c.endMastery(result.mastery),
    facts: [],
    items: resultLines(ctx, result, collection),
    footer,
    actions,
  });
}

export function renderShareConfirm(ctx: RenderContext, campaign: Campaign, participation: Participation): Card {
  const c = ctx.t.campaign;
  const data = { participationId: participation.id };
  return ctx.cards.render('confirm', {
    title: c.shareConfirmTitle,
    text: c.shareConfirmText(campaign.type === 'assessment' ? c.shareSeesAssessment : c.shareSeesProfile),
    actions: [action(c.actionConfirmShare, 'campaignShareConfirm', data, 'positive'), action(ctx.t.actionCancel, 'campaignLater', { code: campaign.code })],
  });
}

/**
 * The campaign's card in a class team's channel, seen by all: what the campaign is, never who took
 * it. A click sends the campaign to the clicker's personal chat; the card that answers them (and
 * only them) says what happened.
 */
export function renderCampaignChannelCard(ctx: RenderContext, campaign: Campaign, notice = ''): Card {
  const c = ctx.t.campaign;
  const landing = campaign.landingText ?? (campaign.type === 'assessment' ? c.landingDefault(campaign.targets.length) : c.collectionLanding);
  return ctx.cards.render('campaign-summary', {
    title: c.inviteTitle(campaign.title ?? campaign.name),
    subtitle: campaign.type === 'assessment' ? targetText(ctx, campaign) : '',
    text: `${landing}\n\n${c.channelText(campaign.code)}`,
    facts: campaign.deadline ? [fact(c.facts.deadline, formatCalendarDate(campaign.deadline, ctx))] : [],
    items: [],
    footer: notice,
    actions: [action(c.actionStartInChat, 'campaignChannelStart', { code: campaign.code }, 'positive')],
  });
}

export function renderCampaignNotice(ctx: RenderContext, text: string): Card {
  return ctx.cards.render('notice', { text, actions: [] });
}

export function renderRemindOutcome(ctx: RenderContext, campaign: Campaign, reminded: number): Card {
  const c = ctx.t.campaign;
  return ctx.cards.render('notice', { text: c.reminded(reminded), actions: [action(c.actionResults, 'campaignResults', ids(campaign))] });
}

/** "Plus tard": nothing changes, the student is told how to come back. */
export const laterText = (ctx: RenderContext) => ctx.t.campaign.later;

/** The campaign lines of the help card. */
export const campaignHelpLines = (ctx: RenderContext) => [ctx.t.campaign.commands.create, ctx.t.campaign.commands.list, ctx.t.campaign.commands.post, ctx.t.campaign.commands.join];
