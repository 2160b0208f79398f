/**
 * Layer: cards. Every card the bot can send is parsed by the official Adaptive Cards SDK, which must
 * report no warning; no card keeps an unbound ${…}, exceeds Teams' size, or carries a solution.
 * The card walker: every button of every card is a verb of the router's tables whose data its
 * payload schema accepts, offered to the role the card is for (a student's card carries no staff
 * verb, a staff card no student one); no number meets its unit ("%", "pix", "jours"…) with a
 * plain space; and every render function of src/cards is rendered here, in both languages.
 */
import { renderCertificationChallenge } from '../../src/cards/render-certification.js';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AnswerOutcome } from '../../src/assessment/answer-challenge.js';
import type { TestStep } from '../../src/assessment/test-step.js';
import type { Profile } from '../../src/assessment/profile.js';
import {
  renderChallenge,
  renderFeedback,
  renderHelp,
  renderNotice,
  renderPositioningAgain,
  renderPositioningSummary,
  renderProfile,
  renderResetConfirm,
  renderSittingIntro,
  renderSummary,
  renderWelcome,
  type RenderContext,
} from '../../src/cards/render.js';
import {
  renderDivisions,
  renderDivisionStudents,
  renderImportResult,
  renderImports,
  renderInvitation,
  renderLinkForm,
  renderRevokeConfirm,
  renderRights,
  renderUnlinkConfirm,
} from '../../src/cards/render-schools.js';
import { CardTemplates } from '../../src/cards/template.js';
import { loadFramework } from '../../src/framework/loader.js';
import type { Challenge, Framework } from '../../src/framework/model.js';
import { messages, type Lang } from '../../src/i18n/messages.js';
import type { ImportJob } from '../../src/schools/import-job.js';
import type { LinkedRecord } from '../../src/schools/model.js';
import { renderLanguageChoice, renderStaffHelp, renderStaffWelcome } from '../../src/cards/render-account.js';
import type { Membership } from '../../src/schools/model.js';
import { helpLines } from '../../src/teams/router.js';
import { checkCard, rolesOf } from './walker.js';
import { cardText } from '../helpers/chat.js';
import { startTestBot, Student, type TestBot } from '../helpers/chat.js';
import { Conversation } from '../helpers/conversation.js';
import { buildTestContent } from '../helpers/content-builder.js';

function leaksSolution(card: object, challenge: Challenge): boolean {
  const json = JSON.stringify(card);
  return json.includes(challenge.explanation) || /"answers?"\s*:|"groups"\s*:/.test(json);
}

const framework = (dir: string): Framework => loadFramework(dir);

function contexts(fw: Framework): RenderContext[] {
  const cards = new CardTemplates(resolve('cards'));
  return (['fr', 'en'] as Lang[]).map((lang) => ({ cards, t: messages(lang), lang, framework: fw }));
}

const step = (challenge: Challenge | null, kind: 'competence' | 'discovery' = 'competence'): TestStep => ({
  assessment: {
    id: 'a-1',
    userId: 'u-1',
    kind,
    competenceId: kind === 'competence' ? (challenge?.competenceId ?? '1.1') : null,
    state: challenge ? 'started' : 'completed',
    strategy: 'smart-random',
    pass: 1,
    pendingChallengeId: challenge?.id ?? null,
    pendingSince: null,
    pendingActivityId: null,
    seed: 1,
    createdAt: new Date(),
    completedAt: null,
  },
  challenge,
  answered: 3,
  resumed: false,
  summary: null,
});

describe('every card of the real item bank', () => {
  let fw: Framework | null = null;
  try {
    fw = framework(resolve('content'));
  } catch {
    fw = null;
  }
  test.skipIf(!fw)('each challenge renders as a valid card that holds no solution, in French and English', () => {
    for (const ctx of contexts(fw!)) {
      for (const challenge of fw!.challenges.values()) {
        const card = renderChallenge(ctx, { ...step(challenge), challenge }, { n: 4, about: 6 });
        checkCard(card, challenge.id);
        expect(leaksSolution(card, challenge), `${challenge.id} leaks its solution`).toBe(false);
        const certification = renderCertificationChallenge(ctx, { ended: false, candidateId: 'cand-1', challenge, position: 2, total: 15, deadline: new Date(), askedAt: new Date() });
        checkCard(certification, `${challenge.id} (certification)`);
        expect(leaksSolution(certification, challenge), `${challenge.id} leaks its solution in certification`).toBe(false);
      }
    }
  });
});

describe('every kind of card', () => {
  const fw = framework(buildTestContent());
  const competences = [...fw.competences.values()];
  const profileOf = (status: 'not_started' | 'in_progress' | 'finished'): Profile => ({
    areas: fw.areas.map((a) => ({
      code: a.code,
      title: a.title,
      competences: a.competenceIds.map((id) => ({
        id,
        title: fw.competences.get(id)!.title,
        level: status === 'finished' ? 5 : 1,
        pix: status === 'finished' ? 40 : 9,
        pixInLevel: 1,
        status,
        atHighestLevel: status === 'finished',
        improveInDays: 2,
        resetInDays: 0,
        resettable: status !== 'not_started',
      })),
    })),
    totalPix: 144,
    maxPix: 640,
    highestLevel: 5,
    suggestion: null,
  });

  test.each(contexts(fw).map((c) => [c.lang, c]))('%s', (_lang, ctx) => {
    checkCard(renderWelcome(ctx, null), 'welcome');
    checkCard(renderHelp(ctx, helpLines(ctx.t, 'student')), 'help');
    for (const status of ['not_started', 'in_progress', 'finished'] as const) checkCard(renderProfile(ctx, profileOf(status)), `profile ${status}`);
    checkCard(renderProfile(ctx, profileOf('in_progress'), { lastPositioning: true }), 'profile after a positioning');
    const positions = [{ n: 4, about: 6 }, { n: 2, of: 5 }, { n: 12, atMost: 48 }];
    for (const [i, challenge] of [...fw.challenges.values()].entries()) {
      const card = renderChallenge(ctx, { ...step(challenge), challenge }, positions[i % 3]!);
      checkCard(card, challenge.id);
      expect(leaksSolution(card, challenge)).toBe(false);
      for (const status of ['ok', 'ko', 'skipped', 'timedout'] as const) {
        const outcome: AnswerOutcome = { challenge, status, value: '1', levelUp: status === 'ok' ? { from: 1, to: 2 } : null, replay: false, answeredAt: null, next: step(null) };
        checkCard(renderFeedback(ctx, outcome, 'competence', positions[i % 3]), `feedback ${status} ${challenge.id}`);
      }
    }
    const skill = [...fw.skills.values()][0]!;
    checkCard(
      renderSummary(ctx, { kind: 'competence', competenceId: '1.1', score: { competenceId: '1.1', pix: 12, level: 1, pixInLevel: 4, maxPix: 40 }, advice: [{ tubeTitle: 'Sujet', skill }], correct: 3, answered: 7 }, { improveInDays: 4, suggestion: null }),
      'summary',
    );
    checkCard(
      renderSummary(ctx, { kind: 'discovery', competenceId: null, score: null, advice: [], correct: 2, answered: 5 }, { improveInDays: 4, suggestion: profileOf('in_progress').areas[0]!.competences[0]! }),
      'discovery summary',
    );
    checkCard(
      renderPositioningSummary(ctx, {
        kind: 'positioning',
        competenceId: null,
        score: null,
        advice: [],
        correct: 20,
        answered: 40,
        positions: competences.map((c, i) => ({ competenceId: c.id, level: i % 6, pix: 8 * (i % 6), confidence: 0.7, likely: { low: i % 6, high: Math.min(5, (i % 6) + (i % 3)) } })),
      }),
      'positioning summary',
    );
    checkCard(renderPositioningSummary(ctx, { kind: 'positioning', competenceId: null, score: null, advice: [], correct: 0, answered: 38, positions: [] }, new Date('2026-03-02T09:00:00Z')), 'last positioning');
    checkCard(renderSittingIntro(ctx, { kind: 'discovery', length: 5 }), 'discovery intro');
    checkCard(renderSittingIntro(ctx, { kind: 'positioning', about: 40, atMost: 48 }), 'positioning intro');
    checkCard(renderPositioningAgain(ctx, { endedAt: new Date('2026-03-02T09:00:00Z'), about: 40, atMost: 48 }), 'positioning again');
    checkCard(renderResetConfirm(ctx, competences[0]!.id), 'reset confirm');
    checkCard(renderNotice(ctx, 'Bonjour'), 'notice');
  });

  test.each(contexts(fw))('the school cards ($lang)', (ctx) => {
    const school = { id: 's-1', uaj: '0860001A', name: 'Collège Jean Moulin', tenantId: 'tenant-1' };
    const record = (n: number, linked: boolean): LinkedRecord => ({
      id: `st-${n}`, schoolId: school.id, ine: `01000000${String(n).padStart(2, '0')}A`, firstName: 'Léa', secondFirstName: null, thirdFirstName: null,
      lastName: `MARTIN${n}`, usageName: null, birthDate: '2013-02-01', division: '5D', active: true,
      userId: linked ? `u-${n}` : null, accountName: linked ? 'Léa Martin' : null, linkedAt: linked ? '2026-03-02T09:00:00.000Z' : null,
    });
    const students = Array.from({ length: 35 }, (_, n) => record(n, n % 2 === 0));
    checkCard(renderDivisions(ctx, school, [{ division: '5D', students: 35 }, { division: '4A', students: 28 }]), 'divisions');
    checkCard(renderDivisions(ctx, school, []), 'no division');
    for (const canUnlink of [true, false]) checkCard(renderDivisionStudents(ctx, school, '5D', students, canUnlink), `class, canUnlink ${canUnlink}`);
    const confirm = renderUnlinkConfirm(ctx, school, record(1, true));
    checkCard(confirm, 'unlink confirm');
    expect(JSON.stringify(confirm)).toContain('"verb":"unlinkConfirm"');
    expect(JSON.stringify(confirm)).toContain('"type":"Action.Submit"');
    checkCard(renderInvitation(ctx, 'ABCD-EFGH', new Date('2026-03-09T09:00:00Z')), 'invitation');
    checkCard(
      renderRights(ctx, school, [
        { membershipId: 1, name: 'Claire DUPONT', role: 'referent', canCreateCampaigns: true, since: '2026-03-02T09:00:00Z' },
        { membershipId: 2, name: 'Marc LEROY', role: 'teacher', canCreateCampaigns: true, since: '2026-03-02T09:00:00Z' },
      ]),
      'rights',
    );
    checkCard(renderLinkForm(ctx, { firstName: 'Léa', lastName: 'MARTIN' }), 'link form');
    for (const role of ['referent', 'teacher'] as const) {
      const membership: Membership = { id: 1, school, userId: 'u-1', role, canCreateCampaigns: true };
      const welcome = renderStaffWelcome(ctx, membership);
      checkCard(welcome, `staff welcome ${role}`);
      expect(rolesOf(welcome), `the ${role}'s welcome`).toContain(role);
      expect(rolesOf(welcome)).not.toContain('student');
      const help = renderStaffHelp(ctx, membership, helpLines(ctx.t, role), helpLines(ctx.t, 'student'));
      checkCard(help, `staff help ${role}`);
      expect(rolesOf(help)).toContain(role);
    }
    checkCard(renderLanguageChoice(ctx), 'language choice');
    checkCard(renderRevokeConfirm(ctx, school, { membershipId: 2, name: 'Marc LEROY' }), 'revoke confirm');
    const job = (state: 'imported' | 'uploaded'): ImportJob => ({
      id: `i-${state}`, schoolId: school.id, runBy: null, runByLabel: 'chat', fileName: 'eleves.xml', filePath: null, downloadUrl: null, state, failedStep: null,
      counts: null, report: null, createdAt: new Date('2026-03-02T09:00:00Z'), finishedAt: state === 'imported' ? new Date('2026-03-02T09:00:05Z') : null,
    });
    const imports = renderImports(ctx, school, [job('imported'), job('uploaded')], (id) => `https://partix.test/reports/imports/${id}/1772874000-${'a'.repeat(40)}`);
    checkCard(imports, 'imports');
    expect(JSON.stringify(imports).match(/Action\.OpenUrl/g)).toHaveLength(1);
    checkCard(renderImports(ctx, school, [], () => null), 'no import');
    const counts = { imported: 50, updated: 2, unchanged: 0, disabled: 1, skipped: 1, errors: 0 };
    const report = { fileError: null, errors: [], skipped: [{ ine: '0100000010A', name: 'Anaïs DUBOIS', reason: 'left_school' as const, message: 'sortie', messageEn: 'left' }] };
    checkCard(renderImportResult(ctx, { ...job('imported'), counts, report }, school, 'https://partix.test/reports/imports/i-1/x'), 'import result');
    checkCard(renderImportResult(ctx, { ...job('imported'), state: 'failed', failedStep: 'validation', counts, report }, school, null), 'import refused');
  });
});

describe('every card sent in a real conversation', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.close());

  test('whole journey, both paths', async () => {
    const chat = new Conversation(bot, new Student(bot));
    await chat.student.install();
    await chat.play([['profil', []], ['aide', []], ['commencer 1.1', []]]);
    await chat.answerUntilDone((_, n) => (n % 3 === 0 ? 'wrong' : 'right'));
    await chat.play([['découvrir', []], [{ click: 'discoveryBegin' }, []]]);
    await chat.answerUntilDone(() => 'right');
    expect(chat.cards.length).toBeGreaterThan(10);
    for (const { card } of chat.cards) checkCard(card, JSON.stringify(card).slice(0, 120));
  });
});

test('the walker renders every render function of src/cards (a new card is walked, or this fails)', () => {
  // The campaign cards are walked by their own file (it builds them from a campaign world).
  const source = readdirSync(resolve('tests/cards')).filter((f) => f.endsWith('.test.ts')).map((f) => readFileSync(resolve('tests/cards', f), 'utf8')).join('\n');
  // Rendered by the functions that frame it (a competence test's question, a certification's).
  const framesOnly = new Set(['renderChallengeCard', 'renderCampaignSummary']);
  const exported = readdirSync(resolve('src/cards'))
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...readFileSync(resolve('src/cards', f), 'utf8').matchAll(/export function (render[A-Z]\w*)/g)].map((m) => m[1]!));
  expect(exported.length).toBeGreaterThan(15);
  for (const name of exported.filter((n) => !framesOnly.has(n))) expect(source, `${name} is never rendered by the walker`).toMatch(new RegExp(`${name}\\(ctx`));
});

test('a student’s welcome, help and profile carry student verbs only', () => {
  const fw = framework(buildTestContent());
  for (const ctx of contexts(fw)) {
    expect(rolesOf(renderWelcome(ctx, null))).toEqual(['student']);
    expect(rolesOf(renderHelp(ctx, helpLines(ctx.t, 'student')))).toEqual(['student']);
    expect(cardText(renderHelp(ctx, helpLines(ctx.t, 'student')) as never)).not.toMatch(/^- (classes|inviter|invite|droits|rights|importer|import) /m);
  }
});

describe('instructions', () => {
  test('fenced code keeps its lines and indentation; text around it stays markdown', async () => {
    const { instructionBlocks } = await import('../../src/cards/render.js');
    expect(instructionBlocks('Que dessine ce script ?\n```\nrépéter 3 fois\n  avancer de 80\n\nfin\n```\nRépondez.')).toEqual([
      { text: 'Que dessine ce script ?', font: 'Default', spacing: 'Small' },
      { text: 'répéter 3 fois', font: 'Monospace', spacing: 'Small' },
      { text: '\u00a0\u00a0avancer de 80', font: 'Monospace', spacing: 'None' },
      { text: '\u00a0', font: 'Monospace', spacing: 'None' },
      { text: 'fin', font: 'Monospace', spacing: 'None' },
      { text: 'Répondez.', font: 'Default', spacing: 'Small' },
    ]);
  });
});

test('a list row with two buttons or more puts them under its text (the text keeps the card’s width); one button stays beside it', () => {
  const cards = new CardTemplates(resolve('cards'));
  const act = (title: string) => ({ type: 'Action.Execute', title, verb: 'help', data: { verb: 'help' } });
  const card = cards.render('list', { title: 'Campagnes', text: '', actions: [], items: [{ text: 'Bilan 4e · QZWBPK347 · 12 participants', actions: [act('Résultats'), act('Modifier')] }, { text: '4A · 28 élèves', actions: [act('Voir')] }] });
  const rows = (card.body as Array<{ type: string; items?: Array<{ type: string }> }>).filter((b) => b.type === 'Container');
  expect(rows.map((r) => r.items!.map((i) => i.type))).toEqual([['TextBlock', 'ActionSet'], ['ColumnSet']]);
  checkCard(card, 'list with rows of one and two buttons');
});
