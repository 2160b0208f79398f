/**
 * Layer: use case and repository, on SQLite and PostgreSQL. A campaign's creation key (migration
 * 014, unique): requests with one key, even at once, make one campaign, and each is given it; a
 * request refused wrote nothing and leaves its key free; a code already taken is still told apart
 * (draw another) from a key already used. On PostgreSQL the inserts of concurrent requests truly
 * interleave (a pool of 4), so the unique index, not the look-up before it, is what holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../../src/campaigns/create-campaign.js';
import { NoCampaignRightError, UnknownDivisionsError } from '../../src/campaigns/errors.js';
import { checkedFields } from '../../src/campaigns/fields.js';
import { parseCampaignLine } from '../../src/campaigns/line-parser.js';
import { postgresAvailable } from '../helpers/postgres.js';
import { makeWorld, type World } from './world.js';

const pgUp = await postgresAvailable();
if (!pgUp) console.warn('PostgreSQL is not reachable at 127.0.0.1:5432: the creation key on PostgreSQL is skipped');

describe.each(['sqlite', 'postgres'] as const)('a campaign is created once per request on %s', (dialect) => {
  let world: World;
  const skip = dialect === 'postgres' && !pgUp;
  beforeAll(async () => {
    if (!skip) world = await makeWorld(dialect);
  });
  afterAll(async () => {
    await world?.close();
  });

  const rowsOf = async (table: 'campaigns' | 'campaign_competences' | 'campaign_divisions', key: string) => {
    const ids = (await world.store.db.selectFrom('campaigns').select('id').where('creation_key', '=', key).execute()).map((r) => r.id);
    if (table === 'campaigns') return ids.length;
    if (ids.length === 0) return 0;
    return (await world.store.db.selectFrom(table).select('campaign_id').where('campaign_id', 'in', ids).execute()).length;
  };
  const create = (key: string | null, line = 'campagne "Bilan" 1.1 2.1 classes 4A 4B', userId = world.teacher) => createCampaign({ userId, input: parseCampaignLine(line), creationKey: key, deps: world.deps });

  it.skipIf(skip)('four requests with one key at once: one campaign (its competences and classes once), the same to all four', async () => {
    const created = await Promise.all(Array.from({ length: 4 }, () => create('k:together')));
    expect(new Set(created.map((c) => `${c.id} ${c.code}`)).size).toBe(1);
    expect([await rowsOf('campaigns', 'k:together'), await rowsOf('campaign_competences', 'k:together'), await rowsOf('campaign_divisions', 'k:together')]).toEqual([1, 2, 2]);
  });

  it.skipIf(skip)('four inserts with one key at once, past the look-up: the unique index lets one in, every one gets that one', async () => {
    const school = (await world.schools.schoolByUaj('0860001A'))!;
    const fields = await checkedFields(world.deps, school.id, parseCampaignLine('campagne "Course" 3.1 classes 4A'));
    const codes = ['ABCDEF222', 'ABCDEF333', 'ABCDEF444', 'ABCDEF555'];
    const inserted = await Promise.all(codes.map((code) => world.deps.campaigns.insert({ schoolId: school.id, ownerId: world.teacher, code, fields, now: world.clock.read(), creationKey: 'k:raced' })));
    const [first] = inserted;
    expect(first).not.toBeNull();
    for (const c of inserted) expect(c?.id).toBe(first!.id);
    expect(codes).toContain(first!.code);
    expect([await rowsOf('campaigns', 'k:raced'), await rowsOf('campaign_competences', 'k:raced'), await rowsOf('campaign_divisions', 'k:raced')]).toEqual([1, 1, 1]);
    // A code already taken, with a new key: null (draw another), never the campaign of that code.
    expect(await world.deps.campaigns.insert({ schoolId: school.id, ownerId: world.teacher, code: first!.code, fields, now: world.clock.read(), creationKey: 'k:fresh' })).toBeNull();
    expect(await rowsOf('campaigns', 'k:fresh')).toBe(0);
  });

  it.skipIf(skip)('a refused request writes nothing and leaves its key free: corrected with the same key, one campaign', async () => {
    await expect(create('k:refused', 'campagne "Bilan" 1.1 classes 4A 6Z')).rejects.toBeInstanceOf(UnknownDivisionsError);
    expect(await rowsOf('campaigns', 'k:refused')).toBe(0);
    const made = await create('k:refused', 'campagne "Bilan" 1.1 classes 4A');
    expect((await create('k:refused', 'campagne "Bilan" 1.1 classes 4A')).code).toBe(made.code);
    expect(await rowsOf('campaigns', 'k:refused')).toBe(1);
  });

  it.skipIf(skip)('rights come first: someone without the right, given a used key, is refused and shown nothing', async () => {
    const made = await create('k:rights');
    await expect(create('k:rights', 'campagne "Bilan" 1.1 2.1 classes 4A 4B', world.noRight)).rejects.toBeInstanceOf(NoCampaignRightError);
    expect((await world.deps.campaigns.findByCreationKey('k:rights'))?.id).toBe(made.id);
  });

  it.skipIf(skip)('without a key (a request Teams gave no id), or with other keys, each request is a campaign', async () => {
    const before = (await world.store.db.selectFrom('campaigns').select('id').execute()).length;
    const made = await Promise.all([create(null), create(null), create('k:one'), create('k:two')]);
    expect(new Set(made.map((c) => c.id)).size).toBe(4);
    expect((await world.store.db.selectFrom('campaigns').select('id').execute()).length).toBe(before + 4);
  });
});
