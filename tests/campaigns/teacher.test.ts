/**
 * Layer: use cases, on SQLite. The teacher's half of campaigns: create (line or form), see, edit,
 * archive, push to the classes, follow the push, remind; and who may do each (spec §8).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archiveCampaign } from '../../src/campaigns/archive-campaign.js';
import { createCampaign } from '../../src/campaigns/create-campaign.js';
import { editCampaign } from '../../src/campaigns/edit-campaign.js';
import { CampaignArchivedError, CampaignNotFoundError, InvalidCampaignFieldError, PushRunningError, RemindTooSoonError, TargetLockedError } from '../../src/campaigns/errors.js';
import { joinCampaign } from '../../src/campaigns/join-campaign.js';
import { parseCampaignLine } from '../../src/campaigns/line-parser.js';
import { listCampaigns } from '../../src/campaigns/list-campaigns.js';
import { pushCampaign } from '../../src/campaigns/push-campaign.js';
import { pushStatus } from '../../src/campaigns/push-status.js';
import { remindCampaign } from '../../src/campaigns/remind-campaign.js';
import { CAMPAIGN_CODE } from '../../src/campaigns/code.js';
import { makeWorld, type World } from './world.js';

let world: World;
beforeEach(async () => {
  world = await makeWorld();
});
afterEach(async () => {
  await world.close();
});

const bilan = () => parseCampaignLine('campagne "Bilan 4e" 1.1 2.1 3.1 4.1 5.1 classes 4a 4B');

describe('creating a campaign', () => {
  it('from the one-line form: a code per the spec, the five competences up to the highest level, the classes as the school names them', async () => {
    const campaign = await createCampaign({ userId: world.teacher, input: bilan(), deps: world.deps });
    expect(campaign.code).toMatch(CAMPAIGN_CODE);
    expect(campaign).toMatchObject({ name: 'Bilan 4e', type: 'assessment', divisions: ['4A', '4B'], ownerId: world.teacher, archivedAt: null });
    expect(campaign.targets).toEqual(['1.1', '2.1', '3.1', '4.1', '5.1'].map((competenceId) => ({ competenceId, level: 5 })));
  });

  it('from a ready-made target, with its expected levels, and a form’s optional fields', async () => {
    const campaign = await createCampaign({
      userId: world.referent,
      input: { name: 'Repères', targetName: 'snt', competences: [], divisions: ['4A'], title: 'Bienvenue', landingText: 'Répondez seul·e.', deadline: '2026-06-30', multipleSendings: true },
      deps: { ...world.deps, assessment: { ...world.deps.assessment, framework: { ...world.framework, competences: new Map([...['1.1', '1.3', '2.2', '2.4', '3.2', '3.4', '4.2', '5.2'].map((id) => [id, world.framework.competences.get('1.1')!] as const)]) } } },
    });
    expect(campaign.targetName).toBe('snt-seconde');
    expect(campaign.targets.map((t) => `${t.competenceId}:${t.level}`)).toEqual(['1.1:4', '1.3:4', '2.2:4', '2.4:4', '3.2:4', '3.4:4', '4.2:4', '5.2:4']);
    expect(campaign).toMatchObject({ title: 'Bienvenue', landingText: 'Répondez seul·e.', deadline: '2026-06-30', multipleSendings: true });
  });

  it('refuses a title over 50 characters, a landing text over 5000, a past deadline, and creates nothing', async () => {
    const tries = [{ title: 'x'.repeat(51) }, { landingText: 'x'.repeat(5001) }, { deadline: '2026-03-01' }, { name: '   ' }];
    for (const extra of tries) {
      await expect(createCampaign({ userId: world.teacher, input: { ...bilan(), ...extra }, deps: world.deps })).rejects.toBeInstanceOf(InvalidCampaignFieldError);
    }
    expect((await listCampaigns({ userId: world.referent, deps: world.deps }))[0]!.campaigns).toEqual([]);
  });
});

describe('who sees what', () => {
  it('the referent sees every campaign of the school, a teacher their own, another school nothing', async () => {
    const mine = await createCampaign({ userId: world.teacher, input: bilan(), deps: world.deps });
    const theirs = await createCampaign({ userId: world.otherTeacher, input: { ...bilan(), name: 'Autre' }, deps: world.deps });
    const names = async (userId: string) => (await listCampaigns({ userId, deps: world.deps })).flatMap((l) => l.campaigns.map((c) => c.name)).sort();
    expect(await names(world.referent)).toEqual(['Autre', 'Bilan 4e']);
    expect(await names(world.teacher)).toEqual(['Bilan 4e']);
    expect(await names(world.outsider)).toEqual([]);
    await expect(pushStatus({ userId: world.teacher, campaignId: theirs.id, deps: world.deps })).rejects.toBeInstanceOf(CampaignNotFoundError);
    await expect(pushStatus({ userId: world.outsider, campaignId: mine.id, deps: world.deps })).rejects.toBeInstanceOf(CampaignNotFoundError);
    await expect(archiveCampaign({ userId: world.student.lea, campaignId: mine.id, deps: world.deps })).rejects.toBeInstanceOf(CampaignNotFoundError);
    expect((await pushStatus({ userId: world.referent, campaignId: mine.id, deps: world.deps })).code).toBe(mine.code);
  });
});

describe('editing and archiving', () => {
  it('the owner renames and retargets before anyone joined; the target is locked once a student joined', async () => {
    const campaign = await createCampaign({ userId: world.teacher, input: bilan(), deps: world.deps });
    const edited = await editCampaign({ userId: world.teacher, campaignId: campaign.id, changes: { name: 'Bilan de 4e', competences: [{ id: '1.1', level: 3 }] }, deps: world.deps });
    expect(edited).toMatchObject({ name: 'Bilan de 4e', targets: [{ competenceId: '1.1', level: 3 }], code: campaign.code, divisions: ['4A', '4B'] });
    await joinCampaign({ userId: world.student.lea, code: campaign.code, deps: world.deps });
    await expect(editCampaign({ userId: world.referent, campaignId: campaign.id, changes: { competences: [{ id: '2.1' }] }, deps: world.deps })).rejects.toBeInstanceOf(TargetLockedError);
    expect((await editCampaign({ userId: world.referent, campaignId: campaign.id, changes: { title: 'Fin de trimestre' }, deps: world.deps })).title).toBe('Fin de trimestre');
    expect((await world.deps.campaigns.find(campaign.id))!.targets).toEqual([{ competenceId: '1.1', level: 3 }]);
  });

  it('archiving twice, or editing an archived campaign, is refused', async () => {
    const campaign = await createCampaign({ userId: world.teacher, input: bilan(), deps: world.deps });
    expect((await archiveCampaign({ userId: world.referent, campaignId: campaign.id, deps: world.deps })).archivedAt).not.toBeNull();
    await expect(archiveCampaign({ userId: world.teacher, campaignId: campaign.id, deps: world.deps })).rejects.toBeInstanceOf(CampaignArchivedError);
    await expect(editCampaign({ userId: world.teacher, campaignId: campaign.id, changes: { name: 'x' }, deps: world.deps })).rejects.toBeInstanceOf(CampaignArchivedError);
    expect((await listCampaigns({ userId: world.teacher, deps: world.deps }))[0]!.campaigns).toEqual([]);
    expect((await listCampaigns({ userId: world.teacher, includeArchived: true, deps: world.deps }))[0]!.campaigns).toHaveLength(1);
  });
});

describe('pushing', () => {
  it('enqueues one card per linked active student of the classes, with its key; the status says who was reached and why not', async () => {
    const campaign = await createCampaign({ userId: world.teacher, input: bilan(), deps: world.deps });
    const pushed = await pushCampaign({ userId: world.teacher, campaignId: campaign.id, deps: world.deps });
    // 4A: Léa, Hugo, Inès linked, Noé not; 4B: Tom (Max left the school).
    expect(pushed).toEqual({ targeted: 5, enqueued: 4, already: 0, notLinked: 1, code: campaign.code });
    expect(await world.outbox.byKey(`campaign:${campaign.id}:push:${world.student.lea}`)).toMatchObject({ kind: 'campaign-push', state: 'pending' });
    expect(await world.outbox.byKey(`campaign:${campaign.id}:push:${world.student.max}`)).toBeNull();

    expect(await pushStatus({ userId: world.teacher, campaignId: campaign.id, deps: world.deps })).toMatchObject({ targeted: 5, reached: 0, pending: 4 });
    // Tom's Teams answers 403 (app blocked), Hugo's 404 (conversation gone); Inès never opened Partix; Noé is not linked.
    await world.deliverAll([world.student.tom], [world.student.hugo]);
    expect(await pushStatus({ userId: world.teacher, campaignId: campaign.id, deps: world.deps })).toEqual({
      code: campaign.code,
      targeted: 5,
      reached: 1,
      pending: 0,
      joined: 0,
      notReached: { neverOpened: 1, blocked: 1, conversationGone: 1, notLinked: 1, notPushed: 0, failed: 0 },
    });
  });

  it('a second push sends nothing twice: only a student linked since gets a card', async () => {
    const campaign = await createCampaign({ userId: world.teacher, input: bilan(), deps: world.deps });
    await pushCampaign({ userId: world.teacher, campaignId: campaign.id, deps: world.deps });
    await world.deliverAll();
    const noe = (await world.schools.students.studentsOfDivision(campaign.schoolId, '4A')).find((s) => s.firstName === 'Noé')!;
    const { user } = await world.users.identify({ teamsUserId: '29:noe', name: 'Noé' }, world.clock.read());
    await world.schools.students.link(noe.id, user.id, world.clock.read());
    expect(await pushStatus({ userId: world.teacher, campaignId: campaign.id, deps: world.deps })).toMatchObject({ notReached: { notLinked: 0, notPushed: 1 } });
    expect(await pushCampaign({ userId: world.teacher, campaignId: campaign.id, deps: world.deps })).toMatchObject({ enqueued: 1, already: 4, notLinked: 0 });
    expect((await world.outbox.counts()).pending).toBe(1);
  });

  it('a push stopped halfway (a killed process) is completed by the next one, without a duplicate', async () => {
    const campaign = await createCampaign({ userId: world.teacher, input: bilan(), deps: world.deps });
    let sent = 0;
    // A killed process runs no `finally`: its push stays marked as running.
    const campaigns = Object.assign(Object.create(world.deps.campaigns), { endPush: async () => {} });
    const outbox = {
      enqueue: async (args: Parameters<World['outbox']['enqueue']>[0]) => {
        if (sent === 2) throw new Error('killed');
        sent++;
        return world.outbox.enqueue(args);
      },
    };
    await expect(pushCampaign({ userId: world.teacher, campaignId: campaign.id, deps: { ...world.deps, campaigns, outbox } })).rejects.toThrow('killed');
    await world.deliverAll();
    await expect(pushCampaign({ userId: world.teacher, campaignId: campaign.id, deps: world.deps })).rejects.toBeInstanceOf(PushRunningError);
    world.clock.advanceDays(6 / 1440);
    expect(await pushCampaign({ userId: world.teacher, campaignId: campaign.id, deps: world.deps })).toMatchObject({ enqueued: 2, already: 2 });
    await world.deliverAll();
    const rows = await world.store.db.selectFrom('outbox').select(['user_id']).where('kind', '=', 'campaign-push').execute();
    expect(rows.map((r) => r.user_id).sort()).toEqual([world.student.lea, world.student.hugo, world.student.ines, world.student.tom].sort());
  });
});

describe('reminding', () => {
  it('reminds those who have not shared, once a day at most', async () => {
    const campaign = await createCampaign({ userId: world.teacher, input: bilan(), deps: world.deps });
    expect(await remindCampaign({ userId: world.teacher, campaignId: campaign.id, deps: world.deps })).toEqual({ reminded: 4 });
    world.clock.advanceDays(0.5);
    await expect(remindCampaign({ userId: world.referent, campaignId: campaign.id, deps: world.deps })).rejects.toMatchObject({ constructor: RemindTooSoonError, hoursToWait: 12 });
    world.clock.advanceDays(0.5);
    expect(await remindCampaign({ userId: world.teacher, campaignId: campaign.id, deps: world.deps })).toEqual({ reminded: 4 });
    expect((await world.outbox.counts()).pending).toBe(8);
  });
});
