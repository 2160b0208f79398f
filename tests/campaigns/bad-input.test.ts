/**
 * Layer: use cases over the store, on SQLite and PostgreSQL. Each bad input of issue 12 gets its
 * domain error, and changes nothing: the same rows before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveCampaign } from '../../src/campaigns/archive-campaign.js';
import { createCampaign } from '../../src/campaigns/create-campaign.js';
import {
  AlreadySharedError,
  CampaignArchivedError,
  DisabledStudentError,
  NoCampaignRightError,
  NoDivisionsError,
  NotFinishedError,
  NotStudentOfSchoolError,
  PushRunningError,
  UnknownCampaignCodeError,
  UnknownCompetencesError,
  UnknownDivisionsError,
} from '../../src/campaigns/errors.js';
import { joinCampaign } from '../../src/campaigns/join-campaign.js';
import { parseCampaignLine } from '../../src/campaigns/line-parser.js';
import type { Campaign } from '../../src/campaigns/model.js';
import { pushCampaign } from '../../src/campaigns/push-campaign.js';
import { shareResults } from '../../src/campaigns/share-results.js';
import { postgresAvailable } from '../helpers/postgres.js';
import { playCampaign, upTo } from './play.js';
import { makeWorld, type World } from './world.js';

const pgUp = await postgresAvailable();
const TABLES = ['campaigns', 'campaign_competences', 'campaign_divisions', 'campaign_participations', 'outbox', 'assessments', 'answers'] as const;

describe.each(['sqlite', 'postgres'] as const)('bad input on %s', (dialect) => {
  let world: World;
  let campaign: Campaign;
  let archived: Campaign;

  beforeAll(async () => {
    if (dialect === 'postgres' && !pgUp) return;
    world = await makeWorld(dialect);
    campaign = await createCampaign({ userId: world.teacher, input: parseCampaignLine('campagne "Bilan" 1.1 classes 4A'), deps: world.deps });
    archived = await createCampaign({ userId: world.teacher, input: parseCampaignLine('campagne "Ancienne" 1.1 classes 4A'), deps: world.deps });
    await archiveCampaign({ userId: world.teacher, campaignId: archived.id, deps: world.deps });
  });
  afterAll(async () => {
    await world?.close();
  });

  async function rows(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const t of TABLES) counts[t] = Number((await world.store.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const states = await world.store.db.selectFrom('campaign_participations').select(['state']).orderBy('id').execute();
    counts.shared = states.filter((s) => s.state === 'shared').length;
    return counts;
  }

  /** The call fails with that error, and every table holds what it held before. */
  async function refused(call: () => Promise<unknown>, error: new (...args: never[]) => Error): Promise<Error> {
    const before = await rows();
    const thrown = await call().then(
      () => null,
      (e: Error) => e,
    );
    expect(thrown).toBeInstanceOf(error);
    expect(await rows()).toEqual(before);
    return thrown!;
  }

  const line = (text: string) => parseCampaignLine(text);

  it.skipIf(dialect === 'postgres' && !pgUp)('unknown competence codes, all named', async () => {
    const e = await refused(() => createCampaign({ userId: world.teacher, input: line('campagne "X" 1.1 9.9 7.2 classes 4A'), deps: world.deps }), UnknownCompetencesError);
    expect((e as UnknownCompetencesError).codes).toEqual(['9.9', '7.2']);
  });

  it.skipIf(dialect === 'postgres' && !pgUp)('an empty class list', async () => {
    await refused(() => createCampaign({ userId: world.teacher, input: line('campagne "X" 1.1'), deps: world.deps }), NoDivisionsError);
    await refused(() => createCampaign({ userId: world.teacher, input: line('campagne "X" 1.1 classes'), deps: world.deps }), NoDivisionsError);
  });

  it.skipIf(dialect === 'postgres' && !pgUp)('a class that does not exist (in this school)', async () => {
    const e = await refused(() => createCampaign({ userId: world.teacher, input: line('campagne "X" 1.1 classes 4A 6Z 3C'), deps: world.deps }), UnknownDivisionsError);
    // 3C is a class of the other school: unknown here.
    expect((e as UnknownDivisionsError).divisions).toEqual(['6Z', '3C']);
  });

  it.skipIf(dialect === 'postgres' && !pgUp)('a teacher without the right, and staff of another school', async () => {
    await refused(() => createCampaign({ userId: world.noRight, input: line('campagne "X" 1.1 classes 4A'), deps: world.deps }), NoCampaignRightError);
    await refused(() => createCampaign({ userId: world.student.lea, input: line('campagne "X" 1.1 classes 4A'), deps: world.deps }), NoCampaignRightError);
    await refused(() => createCampaign({ userId: world.outsider, input: line('campagne "X" 1.1 classes 4A'), deps: world.deps }), UnknownDivisionsError);
  });

  it.skipIf(dialect === 'postgres' && !pgUp)('the code of an archived campaign, and a code that is none', async () => {
    await refused(() => joinCampaign({ userId: world.student.lea, code: archived.code, deps: world.deps }), CampaignArchivedError);
    await refused(() => joinCampaign({ userId: world.student.lea, code: 'ABCDEF234', deps: world.deps }), UnknownCampaignCodeError);
    await refused(() => joinCampaign({ userId: world.student.lea, code: 'pas un code', deps: world.deps }), UnknownCampaignCodeError);
  });

  it.skipIf(dialect === 'postgres' && !pgUp)('a student of another school, and an account linked to no record', async () => {
    const e = await refused(() => joinCampaign({ userId: world.student.zoe, code: campaign.code, deps: world.deps }), NotStudentOfSchoolError);
    expect((e as NotStudentOfSchoolError).reason).toBe('other_school');
    const f = await refused(() => joinCampaign({ userId: world.teacher, code: campaign.code, deps: world.deps }), NotStudentOfSchoolError);
    expect((f as NotStudentOfSchoolError).reason).toBe('not_linked');
  });

  it.skipIf(dialect === 'postgres' && !pgUp)('a disabled student', async () => {
    await refused(() => joinCampaign({ userId: world.student.max, code: campaign.code, deps: world.deps }), DisabledStudentError);
  });

  it.skipIf(dialect === 'postgres' && !pgUp)('a share before the end, then a second share', async () => {
    const { participation } = await joinCampaign({ userId: world.student.hugo, code: campaign.code, deps: world.deps });
    await playCampaign(world, world.student.hugo, participation.id, upTo(2), 1);
    await refused(() => shareResults({ userId: world.student.hugo, participationId: participation.id, deps: world.deps }), NotFinishedError);
    await playCampaign(world, world.student.hugo, participation.id, upTo(2));
    await shareResults({ userId: world.student.hugo, participationId: participation.id, deps: world.deps });
    const e = await refused(() => shareResults({ userId: world.student.hugo, participationId: participation.id, deps: world.deps }), AlreadySharedError);
    expect((e as AlreadySharedError).sharedAt).toBeInstanceOf(Date);
  });

  it.skipIf(dialect === 'postgres' && !pgUp)('a push while one is running: cards still waiting, or another push enqueuing', async () => {
    await pushCampaign({ userId: world.teacher, campaignId: campaign.id, deps: world.deps });
    const e = await refused(() => pushCampaign({ userId: world.referent, campaignId: campaign.id, deps: world.deps }), PushRunningError);
    expect((e as PushRunningError).pending).toBeGreaterThan(0);
    await world.deliverAll();
    expect(await world.deps.campaigns.beginPush(campaign.id, world.clock.read(), new Date(0))).toBe(true);
    await refused(() => pushCampaign({ userId: world.teacher, campaignId: campaign.id, deps: world.deps }), PushRunningError);
    await world.deps.campaigns.endPush(campaign.id);
  });

  it.skipIf(dialect === 'postgres' && !pgUp)('two pushes at once (two instances) enqueue each card once', async () => {
    const other = await createCampaign({ userId: world.teacher, input: parseCampaignLine('campagne "Course" 2.1 classes 4A 4B'), deps: world.deps });
    const outcomes = await Promise.allSettled([0, 1].map(() => pushCampaign({ userId: world.teacher, campaignId: other.id, deps: world.deps })));
    const done = outcomes.filter((o) => o.status === 'fulfilled');
    expect(done.length).toBeGreaterThanOrEqual(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(PushRunningError);
    const keys = await world.store.db.selectFrom('outbox').select('idempotency_key').where('idempotency_key', 'like', `campaign:${other.id}:push:%`).execute();
    expect(keys).toHaveLength(4);
  });
});
