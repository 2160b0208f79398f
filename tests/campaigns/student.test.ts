/**
 * Layer: use cases, on SQLite. The student's half: join by code, the campaign test over the target
 * (what the profile shows counts; resumable; "Question n sur environ N"), share, retry; and what the
 * teacher then sees: results and the CSV export.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { startCompetence } from '../../src/assessment/start-competence.js';
import { answerChallenge } from '../../src/assessment/answer-challenge.js';
import { campaignStep } from '../../src/campaigns/campaign-test.js';
import { campaignResults } from '../../src/campaigns/campaign-results.js';
import { createCampaign } from '../../src/campaigns/create-campaign.js';
import { CampaignNotFoundError, RetryNotAvailableError } from '../../src/campaigns/errors.js';
import { campaignClassChart, classChartOf } from '../../src/campaigns/class-chart.js';
import { exportByLink, exportCampaignCsv, requestCampaignExport } from '../../src/campaigns/export-csv.js';
import { joinCampaign } from '../../src/campaigns/join-campaign.js';
import { pendingCampaignQuestion } from '../../src/campaigns/pending-participation.js';
import { archiveCampaign } from '../../src/campaigns/archive-campaign.js';
import { parseCampaignLine } from '../../src/campaigns/line-parser.js';
import { retryCampaign } from '../../src/campaigns/retry-campaign.js';
import { shareResults } from '../../src/campaigns/share-results.js';
import { inputsFor } from '../helpers/answers.js';
import { playCampaign, upTo } from './play.js';
import { FIVE, makeWorld, type World } from './world.js';

let world: World;
beforeEach(async () => {
  world = await makeWorld();
});
afterEach(async () => {
  await world.close();
});

const create = (line: string) => createCampaign({ userId: world.teacher, input: parseCampaignLine(line), deps: world.deps });

describe('joining', () => {
  it('by the code typed with spaces and in lower case; joining again resumes the same participation', async () => {
    const campaign = await create('campagne "Bilan" 1.1 2.1 classes 4A');
    const spaced = `${campaign.code.slice(0, 3)} ${campaign.code.slice(3)}`.toLowerCase();
    const first = await joinCampaign({ userId: world.student.lea, code: spaced, deps: world.deps });
    expect(first).toMatchObject({ created: true, participation: { state: 'started', attempt: 1, progress: 0 } });
    const again = await joinCampaign({ userId: world.student.lea, code: campaign.code, deps: world.deps });
    expect(again).toMatchObject({ created: false, participation: { id: first.participation.id } });
  });

  it('a student of the school outside the targeted classes may join with the code', async () => {
    const campaign = await create('campagne "Bilan" 1.1 classes 4A');
    expect((await joinCampaign({ userId: world.student.tom, code: campaign.code, deps: world.deps })).created).toBe(true);
  });
});

describe('the campaign test', () => {
  it('asks the target’s competences in turn with the default method, counts where the student is, and ends with the mastery', async () => {
    const campaign = await create('campagne "Bilan" 1.1 2.1 3.1 niveau 3 classes 4A');
    const { participation } = await joinCampaign({ userId: world.student.lea, code: campaign.code, deps: world.deps });
    const { step, positions } = await playCampaign(world, world.student.lea, participation.id, upTo(2));
    expect(positions[0]).toEqual({ n: 1, about: 18, competenceId: '1.1' });
    expect(positions.map((p) => p.n)).toEqual(positions.map((_, i) => i + 1));
    for (const p of positions) expect(p.about).toBeGreaterThanOrEqual(p.n);
    expect(positions.at(-1)!.about).toBe(positions.length);
    expect([...new Set(positions.map((p) => p.competenceId))]).toEqual(['1.1', '2.1', '3.1']);
    expect(step.kind).toBe('finished');
    if (step.kind !== 'finished') return;
    expect(step.participation).toMatchObject({ state: 'finished', progress: 100 });
    // Three tubes per competence, one skill per level: up to level 3, 9 targeted skills, 6 mastered.
    expect(step.result.competences.map((c) => [c.competenceId, c.targetedSkills, c.validatedSkills, c.level])).toEqual([
      ['1.1', 9, 6, 2],
      ['2.1', 9, 6, 2],
      ['3.1', 9, 6, 2],
    ]);
    expect(step.result.mastery).toBeCloseTo(6 / 9);
    // The answers count in the profile, as in Pix.
    expect((await world.deps.assessment.assessments.latest(world.student.lea, 'competence', '2.1'))!.state).toBe('completed');
  });

  it('does not ask again a competence the profile already shows, and resumes one in progress on its question', async () => {
    const a = world.deps.assessment;
    const done = await startCompetence({ userId: world.student.lea, competenceId: '1.1', deps: a });
    let s = done;
    while (s.challenge) s = (await answerChallenge({ userId: world.student.lea, assessmentId: s.assessment.id, challengeId: s.challenge.id, raw: inputsFor(s.challenge, 'right'), skip: false, activityId: null, deps: a })).next;
    const begun = await startCompetence({ userId: world.student.lea, competenceId: '2.1', deps: a });
    const first = (await answerChallenge({ userId: world.student.lea, assessmentId: begun.assessment.id, challengeId: begun.challenge!.id, raw: inputsFor(begun.challenge!, 'right'), skip: false, activityId: null, deps: a })).next;

    world.clock.advanceDays(1);
    const campaign = await create('campagne "Bilan" 1.1 2.1 classes 4A');
    const { participation } = await joinCampaign({ userId: world.student.lea, code: campaign.code, deps: world.deps });
    const step = await campaignStep({ userId: world.student.lea, participationId: participation.id, deps: world.deps });
    expect(step.kind).toBe('question');
    if (step.kind !== 'question') return;
    expect(step.competenceId).toBe('2.1');
    expect(step.step.challenge!.id).toBe(first.challenge!.id);
    expect(step.position.n).toBe(2);
    expect(step.participation.progress).toBe(50);
    // Left and resumed: the same question.
    const resumed = await campaignStep({ userId: world.student.lea, participationId: participation.id, deps: world.deps });
    expect(resumed.kind === 'question' && resumed.step.challenge!.id).toBe(first.challenge!.id);
  });
});

describe('sharing, results and export', () => {
  it('the teacher sees mastery only once the student shared; the CSV has the spec’s columns, BOM and neutralised formulas', async () => {
    const campaign = await create('campagne "Bilan" 1.1 2.1 niveau 3 classes 4A');
    const lea = await joinCampaign({ userId: world.student.lea, code: campaign.code, externalId: '=HYPERLINK("x")', deps: world.deps });
    const hugo = await joinCampaign({ userId: world.student.hugo, code: campaign.code, deps: world.deps });
    await playCampaign(world, world.student.lea, lea.participation.id, upTo(3));
    await playCampaign(world, world.student.hugo, hugo.participation.id, upTo(1));
    let results = await campaignResults({ userId: world.teacher, campaignId: campaign.id, deps: world.deps });
    expect(results.summary).toMatchObject({ targeted: 4, participants: 2, finished: 2, shared: 0, meanMastery: null });
    expect(results.students.every((s) => s.result === null)).toBe(true);

    const shared = await shareResults({ userId: world.student.lea, participationId: lea.participation.id, deps: world.deps });
    expect(shared).toMatchObject({ state: 'shared', result: { mastery: 1 } });
    expect(classChartOf(results, 5)).toBeNull();
    results = await campaignResults({ userId: world.referent, campaignId: campaign.id, deps: world.deps });
    expect(results.summary).toMatchObject({ shared: 1, meanMastery: 1, perCompetence: [{ competenceId: '1.1', meanMastery: 1 }, { competenceId: '2.1', meanMastery: 1 }] });
    expect(results.students.map((s) => [s.firstName, s.state, s.progress, s.result?.mastery ?? null])).toEqual([
      ['Hugo', 'finished', 100, null],
      ['Léa', 'shared', 100, 1],
      ['Inès', 'not_started', 0, null],
      ['Noé', 'not_started', 0, null],
    ]);

    // The chart draws those who shared only: Léa, not Hugo (finished, not sent); another campaign has no chart.
    expect(await campaignClassChart(world.deps, campaign.id)).toEqual({
      className: '4A',
      campaignName: 'Bilan',
      measure: 'mastered',
      highestLevel: 5,
      participants: 1,
      competences: [{ code: '1.1', value: 100 }, { code: '2.1', value: 100 }],
    });
    expect(await campaignClassChart(world.deps, 'no-such-campaign')).toBeNull();

    const { csv, fileName } = await exportCampaignCsv({ userId: world.teacher, campaignId: campaign.id, deps: world.deps });
    expect(fileName).toBe(`campagne-${campaign.code}.csv`);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const rows: string[][] = parse(csv.slice(1), { delimiter: ';' });
    expect(rows[0]!.slice(0, 15)).toEqual([
      'Établissement', 'ID campagne', 'Code', 'Nom de la campagne', 'Profil cible', 'Nom', 'Prénom', 'Classe', 'Identifiant externe',
      '% de progression', 'Date de début', 'Partage (O/N)', 'Date du partage', 'Palier obtenu (/5)', '% de maîtrise de l’ensemble des acquis du profil',
    ]);
    expect(rows[0]!.slice(15, 18)).toEqual(['% de maîtrise des acquis de la compétence 1.1', 'Nombre d’acquis du profil cible dans la compétence 1.1', 'Acquis maîtrisés dans la compétence 1.1']);
    expect(rows).toHaveLength(3);
    const leaRow = rows.find((r) => r[6] === 'Léa')!;
    expect(leaRow.slice(0, 9)).toEqual(['Collège Jean Moulin', campaign.id, campaign.code, 'Bilan', '1.1 (niveau 3), 2.1 (niveau 3)', 'MARTIN', 'Léa', '4A', `'=HYPERLINK("x")`]);
    expect(leaRow.slice(9)).toEqual(['100', '02/03/2026', 'O', '02/03/2026', '5', '100', '100', '9', '9', '100', '9', '9']);
    const hugoRow = rows.find((r) => r[6] === 'Hugo')!;
    expect(hugoRow.slice(9)).toEqual(['100', '02/03/2026', 'N', '', '', '', '', '', '', '', '', '']);
  });

  it('a profile collection sends the current profile; its export gives pix, levels and certifiability', async () => {
    const campaign = await create('campagne "Profils" collecte classes 4A');
    const { participation } = await joinCampaign({ userId: world.student.lea, code: campaign.code, deps: world.deps });
    expect(participation.state).toBe('finished');
    const shared = await shareResults({ userId: world.student.lea, participationId: participation.id, deps: world.deps });
    expect(shared.result).toMatchObject({ totalPix: 0, certifiableCompetences: 0 });
    const { csv } = await exportCampaignCsv({ userId: world.teacher, campaignId: campaign.id, deps: world.deps });
    const rows: string[][] = parse(csv.slice(1), { delimiter: ';' });
    expect(rows[0]!.slice(9, 16)).toEqual(['Envoi (O/N)', 'Date de l’envoi', 'Nombre de pix total', 'Certifiable (O/N)', 'Nombre de compétences certifiables', 'Niveau pour la compétence 1.1', 'Nombre de pix pour la compétence 1.1']);
    expect(rows[1]!.slice(9, 16)).toEqual(['O', '02/03/2026', '0', 'N', '0', '0', '0']);
    // Its chart: the mean level per competence of the profiles sent.
    expect(await campaignClassChart(world.deps, campaign.id)).toMatchObject({ measure: 'level', highestLevel: 5, participants: 1, competences: FIVE.map((code) => ({ code, value: 0 })) });
  });

  it('the export link: rights are checked before a link is made; the link opens that campaign’s CSV only, until it expires', async () => {
    const campaign = await create('campagne "Bilan" 1.1 classes 4A');
    const other = await create('campagne "Autre" 2.1 classes 4B');
    for (const userId of [world.outsider, world.otherTeacher, world.student.lea]) {
      await expect(requestCampaignExport({ userId, campaignId: campaign.id, deps: world.deps })).rejects.toBeInstanceOf(CampaignNotFoundError);
    }
    const { url } = await requestCampaignExport({ userId: world.referent, campaignId: campaign.id, deps: world.deps });
    const [, id, file] = /\/campaigns\/([^/]+)\/export\/([^/]+)$/.exec(url!)!;
    expect(id).toBe(campaign.id);
    const ok = await exportByLink({ campaignId: campaign.id, file: file!, deps: world.deps });
    expect(ok).toMatchObject({ status: 200, file: { fileName: `campagne-${campaign.code}.csv` } });
    expect(await exportByLink({ campaignId: other.id, file: file!, deps: world.deps })).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect(await exportByLink({ campaignId: campaign.id, file: file!.replace('.csv', '.txt'), deps: world.deps })).toMatchObject({ status: 404 });
    world.clock.advanceDays(1);
    expect(await exportByLink({ campaignId: campaign.id, file: file!, deps: world.deps })).toMatchObject({ status: 404, body: { error: 'link_expired' } });
  });
});

describe('retry with multiple sendings', () => {
  it('4 days after sharing, below 100 %, a new participation improves the competences not mastered', async () => {
    const campaign = await create('campagne "Bilan" 1.1 niveau 3 classes 4A multiple');
    const { participation } = await joinCampaign({ userId: world.student.lea, code: campaign.code, deps: world.deps });
    await playCampaign(world, world.student.lea, participation.id, upTo(1));
    const first = await shareResults({ userId: world.student.lea, participationId: participation.id, deps: world.deps });
    expect(first.result!.mastery).toBeCloseTo(3 / 9);
    world.clock.advanceDays(3);
    await expect(retryCampaign({ userId: world.student.lea, participationId: participation.id, deps: world.deps })).rejects.toMatchObject({ reason: 'too_early', daysRemaining: 1 });
    world.clock.advanceDays(1);
    const second = await retryCampaign({ userId: world.student.lea, participationId: participation.id, deps: world.deps });
    expect(second).toMatchObject({ attempt: 2, state: 'started' });
    const { step } = await playCampaign(world, world.student.lea, second.id, upTo(3));
    expect(step.kind === 'finished' && step.result.mastery).toBe(1);
    expect((await world.deps.assessment.assessments.latest(world.student.lea, 'competence', '1.1'))!.pass).toBe(2);
    const shared = await shareResults({ userId: world.student.lea, participationId: second.id, deps: world.deps });
    expect(shared.result!.mastery).toBe(1);
    world.clock.advanceDays(5);
    await expect(retryCampaign({ userId: world.student.lea, participationId: second.id, deps: world.deps })).rejects.toMatchObject({ reason: 'mastered' });
  });

  it('without multiple sendings there is no retry', async () => {
    const campaign = await create('campagne "Profils" collecte classes 4A');
    const { participation } = await joinCampaign({ userId: world.student.lea, code: campaign.code, deps: world.deps });
    await shareResults({ userId: world.student.lea, participationId: participation.id, deps: world.deps });
    world.clock.advanceDays(10);
    await expect(retryCampaign({ userId: world.student.lea, participationId: participation.id, deps: world.deps })).rejects.toBeInstanceOf(RetryNotAvailableError);
  });
});

describe('whose question is pending (a typed "passer")', () => {
  it.each(['sqlite', 'postgres'] as const)('the campaign’s while a running participation targets the test’s competence; not outside the target, nor once archived (%s)', async (dialect) => {
    const w = dialect === 'sqlite' ? world : await makeWorld('postgres');
    try {
      const lea = w.student.lea;
      const campaign = await createCampaign({ userId: w.teacher, input: parseCampaignLine('campagne "Bilan" 2.1 classes 4A'), deps: w.deps });
      const { participation } = await joinCampaign({ userId: lea, code: campaign.code, deps: w.deps });
      // A competence test outside the target, pending while the participation runs: not the campaign's.
      expect((await startCompetence({ userId: lea, competenceId: '1.1', deps: w.deps.assessment })).challenge).toBeTruthy();
      expect(await pendingCampaignQuestion({ userId: lea, deps: w.deps })).toBeNull();
      // The test clock stands still: the campaign's question comes a minute later, so it is the latest.
      w.clock.advanceDays(1 / 1440);
      const step = await campaignStep({ userId: lea, participationId: participation.id, deps: w.deps });
      if (step.kind !== 'question') throw new Error('a question was expected');
      expect(await pendingCampaignQuestion({ userId: lea, deps: w.deps })).toMatchObject({ participationId: participation.id, assessmentId: step.step.assessment.id, challengeId: step.step.challenge!.id });
      await archiveCampaign({ userId: w.teacher, campaignId: campaign.id, deps: w.deps });
      expect(await pendingCampaignQuestion({ userId: lea, deps: w.deps })).toBeNull();
    } finally {
      if (w !== world) await w.close();
    }
  });
});
