/**
 * Typed render functions: each binds one template of `cards/` to data built from use-case results.
 * Nothing here knows the solution of a pending challenge: the challenge card is built from the
 * instruction, proposals and field labels only.
 */
import type { Challenge, Framework } from '../framework/model.js';
import type { TutorialData } from '../framework/schema.js';
import type { AnswerOutcome } from '../assessment/answer-challenge.js';
import type { TestStep, TestSummary } from '../assessment/test-step.js';
import type { Profile, ProfileCompetence, Suggestion } from '../assessment/profile.js';
import type { AssessmentKind } from '../assessment/model.js';
import type { QuestionPosition } from '../assessment/position.js';
import { formatDay } from '../i18n/dates.js';
import type { Lang, Messages } from '../i18n/messages.js';
import { action, Varying, type Card, type CardAction, type CardTemplates } from './template.js';
import { correctionLine } from './render-correction.js';

export const INPUT_PREFIX = 'in_';

export interface RenderContext {
  cards: CardTemplates;
  t: Messages;
  lang: Lang;
  /** The reader's Teams locale (e.g. `en-US`), for dates in its own format; without it, the language's usual one. */
  locale?: string | null;
  framework: Framework;
}

/**
 * Adaptive Cards' TextBlock has no code blocks, and joins single line breaks: fenced code becomes
 * monospace blocks, one per line, with its indentation kept by non-breaking spaces.
 */
export function instructionBlocks(markdown: string): Array<{ text: string; font: 'Default' | 'Monospace'; spacing: 'Small' | 'None' }> {
  const blocks: Array<{ text: string; font: 'Default' | 'Monospace'; spacing: 'Small' | 'None' }> = [];
  markdown.split(/```[a-zA-Z]*\n?/).forEach((part, i) => {
    if (i % 2 === 0) {
      const text = part.trim();
      if (text) blocks.push({ text, font: 'Default', spacing: 'Small' });
      return;
    }
    part
      .replace(/\n$/, '')
      .split('\n')
      .forEach((line, n) => {
        const kept = line.replace(/^ +/, (spaces) => '\u00a0'.repeat(spaces.length)) || '\u00a0';
        blocks.push({ text: kept, font: 'Monospace', spacing: n === 0 ? 'Small' : 'None' });
      });
  });
  return blocks;
}

function minutes(duration: string): number {
  const m = /^PT(?:(\d+)M)?(?:(\d+)S)?$/.exec(duration);
  return Math.max(1, Math.ceil(Number(m?.[1] ?? 0) + Number(m?.[2] ?? 0) / 60));
}

function tutorialLines(t: Messages, tutorials: TutorialData[]) {
  return tutorials.map((tu) => ({ text: `📘 [${tu.title}](${tu.url}) — ${t.tutorialLine(tu.source, minutes(tu.duration))}` }));
}

/** The header of a question card: the competence, and the kind of test. */
export function header(ctx: RenderContext, challenge: Challenge, kind: AssessmentKind) {
  const competence = ctx.framework.competences.get(challenge.competenceId)!;
  const title = competence.title[ctx.lang];
  if (kind === 'discovery') return `${ctx.t.discoveryHeader} · ${competence.id} ${title}`;
  if (kind === 'positioning') return `${ctx.t.positioningHeader} · ${competence.id} ${title}`;
  return ctx.t.challengeHeader(competence.id, title);
}

export function renderWelcome(ctx: RenderContext, suggestion: ProfileCompetence | null): Card {
  const { t } = ctx;
  const actions: CardAction[] = [];
  if (suggestion) actions.push(competenceAction(t, suggestion));
  actions.push(action(t.actionProfile, 'profile'), action(t.actionDiscover, 'discover'), action(t.actionHelp, 'help'));
  return ctx.cards.render('welcome', { title: t.welcomeTitle, intro: t.welcomeIntro, how: t.welcomeHow, next: t.welcomeNext, actions });
}

export function renderHelp(ctx: RenderContext, commands: string[]): Card {
  const { t } = ctx;
  return ctx.cards.render('help', {
    title: t.helpTitle,
    intro: t.helpIntro,
    commands,
    actions: [action(t.actionProfile, 'profile'), action(t.actionDiscover, 'discover'), action(t.actionPositioning, 'positioning')],
  });
}

/** Every button says which competence it acts on: a screen reader reads "Commencer 1.1", not sixteen "Commencer". */
function competenceAction(t: Messages, c: Suggestion): CardAction {
  if (c.status === 'in_progress') return action(t.actionResumeSuggested(c.id), 'start', { competenceId: c.id }, 'positive');
  if (c.status === 'not_started') return action(t.actionStartSuggested(c.id), 'start', { competenceId: c.id });
  return action(t.actionImproveOf(c.id), 'improve', { competenceId: c.id });
}

/** `lastPositioning`: a positioning sitting has ended, and the profile offers to see its result again. */
export function renderProfile(ctx: RenderContext, profile: Profile, options: { lastPositioning?: boolean } = {}): Card {
  const { t } = ctx;
  const lang = ctx.lang;
  const status = { not_started: t.statusNotStarted, in_progress: t.statusInProgress, finished: t.statusFinished };
  const s = profile.suggestion;
  const suggestion = !s ? t.profileAllDone : s.status === 'in_progress' ? t.profileNextResume(s.id, s.title[lang]) : t.profileNextStart(s.id, s.title[lang]);
  const row = (c: ProfileCompetence) => {
    const actions: CardAction[] = [];
    if (c.status !== 'finished') actions.push(competenceAction(t, c));
    else if (!c.atHighestLevel && c.improveInDays === 0) actions.push(competenceAction(t, c));
    if (c.resettable && c.resetInDays === 0) actions.push(action(t.actionResetOf(c.id), 'reset', { competenceId: c.id }));
    const later = c.status === 'finished' && !c.atHighestLevel && c.improveInDays > 0 ? ` · ${t.improveIn(c.improveInDays)}` : '';
    return {
      label: `**${c.id}** ${c.title[lang]}`,
      detail: `${t.profileLevel(c.level, c.pix)} · ${t.profileProgress(c.pixInLevel, c.atHighestLevel)} · ${status[c.status]}${later}`,
      actions,
    };
  };
  return ctx.cards.render('profile', {
    title: t.profileTitle,
    total: t.profileTotal(profile.totalPix, profile.maxPix),
    suggestion,
    areas: profile.areas.map((a) => ({ title: `${a.code}. ${a.title[lang]}`, competences: a.competences.map(row) })),
    actions: [
      action(t.actionDiscover, 'discover'),
      action(t.actionPositioning, 'positioning'),
      ...(options.lastPositioning ? [action(t.actionLastPositioning, 'positioningResult')] : []),
      action(t.actionHelp, 'help'),
    ],
  });
}

/** Where the student is, on every question card: "Question 3 sur environ 6", "sur 5", "sur 48 au plus". */
export function questionCounter(t: Messages, position: QuestionPosition): string {
  if ('about' in position) return t.questionAbout(position.n, position.about);
  if ('of' in position) return t.questionOf(position.n, position.of);
  return t.questionAtMost(position.n, position.atMost);
}

/** The question, without anything of its solution. */
export function renderChallenge(ctx: RenderContext, step: TestStep & { challenge: Challenge }, position: QuestionPosition): Card {
  const { t } = ctx;
  const c = step.challenge;
  const ids = { assessmentId: step.assessment.id, challengeId: c.id };
  return renderChallengeCard(ctx, c, {
    header: header(ctx, c, step.assessment.kind),
    counter: questionCounter(t, position),
    actions: [action(t.actionSubmit, 'answer', ids, 'positive'), action(t.actionSkip, 'skip', ids)],
  });
}

/**
 * The question card of a challenge, whichever test asks it: its header, counter and buttons are the
 * test's. Kept once expanded per challenge, header and language: the counter and what the buttons
 * send (the test's ids) are put in each copy.
 */
export function renderChallengeCard(ctx: RenderContext, c: Challenge, frame: { header: string; counter: string; actions: CardAction[] }): Card {
  const { t } = ctx;
  const v = new Varying();
  const actions = frame.actions.map((a) => withVaryingData(a, v));
  const counter = v.of(frame.counter);
  const key = [ctx.lang, frameworkId(ctx.framework), c.id, frame.header, ...frame.actions.map(actionShape)].join('\u0002');
  return ctx.cards.renderKept('challenge', key, v, () => {
    const base = { header: frame.header, counter, actions, blocks: instructionBlocks(c.instruction), timer: c.timer ? t.challengeTimer(c.timer) : '' };
    switch (c.type) {
      case 'QCU':
      case 'QCM':
        return {
          ...base,
          kind: c.type === 'QCU' ? 'choice' : 'choices',
          prompt: c.type === 'QCU' ? t.challengeChooseOne : t.challengeChooseMany,
          choices: c.proposals.map((title, i) => ({ title, value: String(i + 1) })),
          fields: [],
        };
      case 'QROC':
        return { ...base, kind: 'text', prompt: t.challengeYourAnswer, choices: [], fields: [{ id: `${INPUT_PREFIX}answer`, label: c.label ?? t.challengeYourAnswer }] };
      case 'QROCM-ind':
      case 'QROCM-dep':
        return { ...base, kind: 'text', prompt: t.challengeYourAnswer, choices: [], fields: c.fields.map((f) => ({ id: `${INPUT_PREFIX}${f.key}`, label: f.label })) };
    }
  });
}

/** A button whose data's texts (ids) vary from one render to the next. */
function withVaryingData(a: CardAction, v: Varying): CardAction {
  const data = Object.fromEntries(Object.entries(a.data).map(([k, value]) => [k, typeof value === 'string' && k !== 'verb' ? v.of(value) : value]));
  return { ...a, data, fallback: { ...a.fallback, data } };
}

/** What of a button is the same from one render to the next: its title, verb, style, and what its data holds but texts. */
function actionShape(a: CardAction): string {
  const kept = Object.entries(a.data).map(([k, value]) => (typeof value === 'string' && k !== 'verb' ? k : `${k}=${JSON.stringify(value)}`));
  return `${a.title}\u0003${a.verb}\u0003${a.style ?? ''}\u0003${kept.join(',')}`;
}

/** Kept cards are per bank: tests load several. */
const frameworkIds = new WeakMap<object, number>();
let frameworksSeen = 0;
function frameworkId(framework: object): number {
  let id = frameworkIds.get(framework);
  if (id === undefined) frameworkIds.set(framework, (id = ++frameworksSeen));
  return id;
}

export function describeAnswer(challenge: Challenge, value: string): string {
  switch (challenge.type) {
    case 'QCU':
    case 'QCM':
      return value
        .split(',')
        .map((v) => challenge.proposals[Number(v) - 1] ?? v)
        .join(' ; ');
    case 'QROC':
      return value;
    case 'QROCM-ind':
    case 'QROCM-dep': {
      let fields: Record<string, string> = {};
      try {
        fields = JSON.parse(value) as Record<string, string>;
      } catch {
        return value;
      }
      return challenge.fields.map((f) => `${f.label} : ${fields[f.key] ?? ''}`).join(' ; ');
    }
  }
}

/** Replaces the question card once answered: what was answered, right or not, and how to learn. */
/** `asked`: where the question was when it was asked, so that the card keeps its counter ("Question 3 sur 5"). */
export function renderFeedback(ctx: RenderContext, outcome: AnswerOutcome, kind: AssessmentKind, asked?: QuestionPosition): Card {
  const { t } = ctx;
  const c = outcome.challenge;
  const skill = ctx.framework.skills.get(c.skillId)!;
  const failed = outcome.status !== 'ok';
  const verdicts = { ok: t.feedbackOk, ko: t.feedbackKo, skipped: t.feedbackSkipped, timedout: t.feedbackTimedout };
  const lang = ctx.lang;
  // Kept once expanded per challenge, verdict and language: the counter, the student's answer, the
  // correction and the level reached are put in each copy.
  const v = new Varying();
  const counter = v.of(asked ? questionCounter(t, asked) : t.challengeCounter(outcome.next.answered));
  // A skipped question has no answer to show: the verdict alone says it was skipped.
  const answer = v.of(outcome.status === 'skipped' ? '' : t.feedbackYourAnswer(describeAnswer(c, outcome.value)));
  // A late right answer needs no correction: what the student typed was right.
  const expected = v.of(outcome.status === 'ko' || outcome.status === 'skipped' ? correctionLine(t, c, outcome.status, outcome.value) : '');
  const levelUp = v.of(outcome.levelUp ? t.levelUp(outcome.levelUp.to, ctx.framework.competences.get(c.competenceId)!.title[lang]) : '');
  const title = header(ctx, c, kind);
  const key = [lang, frameworkId(ctx.framework), c.id, title, outcome.status].join('\u0002');
  return ctx.cards.renderKept('feedback', key, v, () => ({
    header: title,
    counter,
    blocks: instructionBlocks(c.instruction),
    answer,
    verdict: verdicts[outcome.status],
    verdictColor: outcome.status === 'ok' ? 'Good' : 'Attention',
    expected,
    explanationTitle: t.feedbackExplanation,
    explanation: failed ? c.explanation : '',
    tutorials: failed ? tutorialLines(t, skill.tutorials.filter((tu) => tu.kind === 'solution')) : [],
    levelUp,
  }));
}

export function renderSummary(ctx: RenderContext, summary: TestSummary, next: { improveInDays: number; suggestion: Suggestion | null }): Card {
  const { t } = ctx;
  const lang = ctx.lang;
  const actions: CardAction[] = [action(t.actionProfile, 'profile')];
  if (next.suggestion) actions.unshift(competenceAction(t, next.suggestion));
  if (summary.kind === 'discovery' || !summary.score || !summary.competenceId) {
    return ctx.cards.render('summary', {
      title: t.discoverySummaryTitle,
      subtitle: t.discoveryHeader,
      score: '',
      progress: '',
      answers: t.summaryAnswers(summary.correct, summary.answered),
      text: t.discoverySummaryText,
      adviceTitle: '',
      advice: [],
      actions,
    });
  }
  const competence = ctx.framework.competences.get(summary.competenceId)!;
  // The card suggests "retenter" only when it would work: the improve use case's own rule.
  const improvable = summary.improvable ?? summary.score.level < summary.score.maxPix / 8;
  const confidence = summary.confidence ? Math.round(summary.confidence * 100) : null;
  const notes = (summary.notes ?? []).map((n) =>
    n.kind === 'failure-outweighed' ? t.summaryFailureOutweighed(n.tubeTitle, n.levels, n.otherLevels) : t.summarySuccessOutweighed(n.tubeTitle, n.levels, n.otherLevels),
  );
  return ctx.cards.render('summary', {
    title: t.summaryTitle(competence.id),
    subtitle: competence.title[lang],
    score: t.summaryScore(summary.score.level, summary.score.pix),
    progress: [
      t.profileProgress(summary.score.pixInLevel, !improvable),
      confidence === null ? '' : improvable ? t.summaryConfidence(confidence) : t.summaryConfidenceOnly(confidence),
      ...notes,
    ]
      .filter(Boolean)
      .join('\n\n'),
    answers: t.summaryAnswers(summary.correct, summary.answered),
    text: improvable ? t.summaryImproveLater(next.improveInDays) : '',
    adviceTitle: t.summaryAdviceTitle,
    advice: summary.advice.length
      ? summary.advice.map((a) => ({ topic: `${a.tubeTitle} : ${a.skill.description}`, tutorials: tutorialLines(t, a.skill.tutorials) }))
      : [{ topic: summary.correct === summary.answered ? t.summaryNoAdvice : t.summaryNoAdviceAfterErrors, tutorials: [] }],
    actions,
  });
}

/**
 * The result of a positioning sitting: every competence's likely levels ("niveau 2 ou 3"). `endedAt`:
 * the result of an earlier sitting, shown again (`positionnement résultat`).
 */
export function renderPositioningSummary(ctx: RenderContext, summary: TestSummary, endedAt?: Date): Card {
  const { t } = ctx;
  return ctx.cards.render('list', {
    title: endedAt ? t.positioningLastTitle(formatDay(endedAt, ctx)) : t.positioningTitle,
    text: t.positioningText(summary.answered),
    items: (summary.positions ?? []).map((p) => ({
      text: t.positioningLine(p.competenceId, ctx.framework.competences.get(p.competenceId)!.title[ctx.lang], p.likely.low, p.likely.high),
      actions: [],
    })),
    actions: [action(t.actionProfile, 'profile')],
  });
}

/** What a sitting is before it starts: how long, that it can be left and resumed, what it keeps. */
export function renderSittingIntro(ctx: RenderContext, sitting: { kind: 'discovery'; length: number } | { kind: 'positioning'; about: number; atMost: number }): Card {
  const { t } = ctx;
  const discovery = sitting.kind === 'discovery';
  return ctx.cards.render('intro', {
    title: discovery ? t.discoveryIntroTitle : t.positioningIntroTitle,
    lines: (discovery ? t.discoveryIntro(sitting.length) : t.positioningIntro(sitting.about, sitting.atMost)).map((text) => ({ text })),
    actions: [
      // `first`: this intro is shown before any sitting ended; clicked once one has, it asks again.
      action(t.actionBegin, discovery ? 'discoveryBegin' : 'positioningBegin', discovery ? {} : { first: true }, 'positive'),
      action(t.actionLater, 'sittingLater', { sitting: sitting.kind }),
    ],
  });
}

/** `positionnement` after a sitting ended: see its result again, or start a new one. */
export function renderPositioningAgain(ctx: RenderContext, last: { endedAt: Date; about: number; atMost: number }): Card {
  const { t } = ctx;
  return ctx.cards.render('intro', {
    title: t.positioningAgainTitle(formatDay(last.endedAt, ctx)),
    lines: t.positioningAgain(last.about, last.atMost).map((text) => ({ text })),
    actions: [
      action(t.actionLastPositioning, 'positioningResult'),
      action(t.actionNewPositioning(last.about), 'positioningBegin'),
      action(t.actionLater, 'sittingLater', { sitting: 'positioning' }),
    ],
  });
}

export function renderResetConfirm(ctx: RenderContext, competenceId: string): Card {
  const { t } = ctx;
  const competence = ctx.framework.competences.get(competenceId)!;
  return ctx.cards.render('confirm', {
    title: t.resetConfirmTitle(competence.id, competence.title[ctx.lang]),
    text: t.resetConfirmText,
    actions: [action(t.actionConfirmReset, 'resetConfirm', { competenceId }, 'destructive'), action(t.actionCancel, 'resetCancel', { competenceId })],
  });
}

export function renderNotice(ctx: RenderContext, text: string, actions: CardAction[] = []): Card {
  return ctx.cards.render('notice', { text, actions });
}
