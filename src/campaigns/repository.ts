/**
 * Persistence of campaigns (with their targeted competences and classes) and participations.
 * Dialect-neutral queries; every state change that two requests could race on is a guarded update.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { deliveryCounts, type DeliveryCounts } from '../notifications/outbox-counts.js';
import { parseJsonColumn } from '../store/json-column.js';
import type { Database } from '../store/schema.js';
import type { CampaignParticipationsTable, CampaignsTable } from '../store/schema-campaigns.js';
import type { OutboxState } from '../store/schema-schools.js';
import { isUniqueViolation } from '../store/unique-violation.js';
import { participationResultSchema, type Campaign, type CampaignFields, type Participation, type ParticipationResult, type ParticipationState } from './model.js';

/** The outbox row of one push card of a campaign: whose it is, and where it is (the counts are pushDeliveries'). */
export interface CampaignMessageRow {
  userId: string;
  state: OutboxState;
}

const toParticipation = (r: CampaignParticipationsTable): Participation => ({
  id: r.id,
  campaignId: r.campaign_id,
  userId: r.user_id,
  studentId: r.student_id,
  attempt: r.attempt,
  state: r.state,
  progress: r.progress,
  externalId: r.external_id,
  startedAt: new Date(r.started_at),
  finishedAt: r.finished_at ? new Date(r.finished_at) : null,
  sharedAt: r.shared_at ? new Date(r.shared_at) : null,
  result: r.result ? parseJsonColumn(participationResultSchema, r.result, { table: 'campaign_participations', column: 'result', id: r.id }) : null,
});

/** The key prefix of a campaign's push messages in the outbox (`campaign:<id>:push:<userId>`). */
export const pushKeyPrefix = (campaignId: string) => `campaign:${campaignId}:push:`;

export class CampaignRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Inserts the campaign, its competences and classes at once; null when the code is taken (draw
   * another). With a creation key already used (a second click on one form, a line redelivered),
   * nothing is written and the campaign that key created is returned.
   */
  async insert(args: { schoolId: string; ownerId: string; code: string; fields: CampaignFields; now: Date; creationKey?: string | null }): Promise<Campaign | null> {
    const id = randomUUID();
    const stamp = args.now.toISOString();
    const f = args.fields;
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('campaigns')
          .values({
            id,
            school_id: args.schoolId,
            code: args.code,
            ...columns(f),
            owner_id: args.ownerId,
            created_at: stamp,
            updated_at: stamp,
            archived_at: null,
            archived_by: null,
            pushing_since: null,
            last_reminded_at: null,
            creation_key: args.creationKey ?? null,
          })
          .execute();
        if (f.targets.length) await trx.insertInto('campaign_competences').values(f.targets.map((t, position) => ({ campaign_id: id, competence_id: t.competenceId, level: t.level, position }))).execute();
        if (f.divisions.length) await trx.insertInto('campaign_divisions').values(f.divisions.map((division) => ({ campaign_id: id, division }))).execute();
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // The key's index or the code's: the key's campaign, when there is one, tells which.
      return args.creationKey ? this.findByCreationKey(args.creationKey) : null;
    }
    return (await this.find(id))!;
  }

  /** The campaign a request created (its creation key), if it did. */
  async findByCreationKey(key: string): Promise<Campaign | null> {
    const row = await this.db.selectFrom('campaigns').selectAll().where('creation_key', '=', key).executeTakeFirst();
    return row ? this.withTargets(row) : null;
  }

  async find(id: string): Promise<Campaign | null> {
    const row = await this.db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.withTargets(row) : null;
  }

  async findByCode(code: string): Promise<Campaign | null> {
    const row = await this.db.selectFrom('campaigns').selectAll().where('code', '=', code).executeTakeFirst();
    return row ? this.withTargets(row) : null;
  }

  /** A school's campaigns, newest first; only one owner's when ownerId is given. */
  async ofSchool(schoolId: string, ownerId: string | null): Promise<Campaign[]> {
    let query = this.db.selectFrom('campaigns').selectAll().where('school_id', '=', schoolId);
    if (ownerId) query = query.where('owner_id', '=', ownerId);
    const rows = await query.orderBy('created_at', 'desc').execute();
    return Promise.all(rows.map((r) => this.withTargets(r)));
  }

  /** Replaces the fields, the target and the classes in one transaction. */
  async update(id: string, fields: CampaignFields, now: Date): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('campaigns').set({ ...columns(fields), updated_at: now.toISOString() }).where('id', '=', id).execute();
      await trx.deleteFrom('campaign_competences').where('campaign_id', '=', id).execute();
      await trx.deleteFrom('campaign_divisions').where('campaign_id', '=', id).execute();
      if (fields.targets.length) await trx.insertInto('campaign_competences').values(fields.targets.map((t, position) => ({ campaign_id: id, competence_id: t.competenceId, level: t.level, position }))).execute();
      if (fields.divisions.length) await trx.insertInto('campaign_divisions').values(fields.divisions.map((division) => ({ campaign_id: id, division }))).execute();
    });
  }

  /** False when it was archived already. */
  async archive(id: string, by: string, now: Date): Promise<boolean> {
    const stamp = now.toISOString();
    const result = await this.db.updateTable('campaigns').set({ archived_at: stamp, archived_by: by, updated_at: stamp }).where('id', '=', id).where('archived_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Takes the campaign's push: false while another push (not older than staleBefore) is enqueuing. */
  async beginPush(id: string, now: Date, staleBefore: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('campaigns')
      .set({ pushing_since: now.toISOString() })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('pushing_since', 'is', null), eb('pushing_since', '<', staleBefore.toISOString())]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async endPush(id: string): Promise<void> {
    await this.db.updateTable('campaigns').set({ pushing_since: null }).where('id', '=', id).execute();
  }

  /** The reminder of the day: false when one went out after notBefore. */
  async claimReminder(id: string, now: Date, notBefore: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('campaigns')
      .set({ last_reminded_at: now.toISOString() })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_reminded_at', 'is', null), eb('last_reminded_at', '<=', notBefore.toISOString())]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The outbox rows of the campaign's push, one per student reached for. */
  async pushMessages(campaignId: string): Promise<CampaignMessageRow[]> {
    const rows = await this.db
      .selectFrom('outbox')
      .select(['user_id', 'state'])
      .where('idempotency_key', 'like', `${pushKeyPrefix(campaignId)}%`)
      .execute();
    return rows.map((r) => ({ userId: r.user_id, state: r.state }));
  }

  /** What became of the campaign's push cards, counted from their outbox rows (state, and the reason of a failure). */
  pushDeliveries(campaignId: string): Promise<DeliveryCounts> {
    return deliveryCounts({ db: this.db, prefixes: [pushKeyPrefix(campaignId)] });
  }

  /** A new participation; when one of the same attempt exists (a second click, another instance), that one. */
  async join(args: { campaignId: string; userId: string; studentId: string; attempt: number; state: ParticipationState; externalId: string | null; now: Date }): Promise<{ participation: Participation; created: boolean }> {
    const row: CampaignParticipationsTable = {
      id: randomUUID(),
      campaign_id: args.campaignId,
      user_id: args.userId,
      student_id: args.studentId,
      attempt: args.attempt,
      state: args.state,
      progress: args.state === 'started' ? 0 : 100,
      external_id: args.externalId,
      started_at: args.now.toISOString(),
      finished_at: args.state === 'started' ? null : args.now.toISOString(),
      shared_at: null,
      result: null,
    };
    try {
      await this.db.insertInto('campaign_participations').values(row).execute();
      return { participation: toParticipation(row), created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.latestParticipation(args.campaignId, args.userId);
      if (!existing) throw error;
      return { participation: existing, created: false };
    }
  }

  async participation(id: string): Promise<Participation | null> {
    const row = await this.db.selectFrom('campaign_participations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toParticipation(row) : null;
  }

  async latestParticipation(campaignId: string, userId: string): Promise<Participation | null> {
    const row = await this.db
      .selectFrom('campaign_participations')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .where('user_id', '=', userId)
      .orderBy('attempt', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toParticipation(row) : null;
  }

  /** The user's participations still being taken (state started), the latest started first. */
  async startedParticipations(userId: string): Promise<Participation[]> {
    const rows = await this.db.selectFrom('campaign_participations').selectAll().where('user_id', '=', userId).where('state', '=', 'started').orderBy('started_at', 'desc').execute();
    return rows.map(toParticipation);
  }

  /** Every participation of the campaign, the latest attempt of each account only. */
  async participations(campaignId: string): Promise<Participation[]> {
    const rows = await this.db.selectFrom('campaign_participations').selectAll().where('campaign_id', '=', campaignId).orderBy('attempt', 'asc').execute();
    const latest = new Map<string, Participation>();
    for (const r of rows) latest.set(r.user_id, toParticipation(r));
    return [...latest.values()];
  }

  async participantsCount(campaignId: string): Promise<number> {
    const row = await this.db.selectFrom('campaign_participations').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', campaignId).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.db.updateTable('campaign_participations').set({ progress }).where('id', '=', id).where('state', '=', 'started').execute();
  }

  /** started → finished; false when it was not started any more. */
  async finish(id: string, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('campaign_participations')
      .set({ state: 'finished', progress: 100, finished_at: now.toISOString() })
      .where('id', '=', id)
      .where('state', '=', 'started')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** finished → shared with its snapshot; false when it was not finished (a second share lost the race). */
  async share(id: string, result: ParticipationResult, now: Date): Promise<boolean> {
    const updated = await this.db
      .updateTable('campaign_participations')
      .set({ state: 'shared', shared_at: now.toISOString(), result: JSON.stringify(participationResultSchema.parse(result)) })
      .where('id', '=', id)
      .where('state', '=', 'finished')
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  private async withTargets(row: CampaignsTable): Promise<Campaign> {
    const [competences, divisions] = await Promise.all([
      this.db.selectFrom('campaign_competences').selectAll().where('campaign_id', '=', row.id).orderBy('position').execute(),
      this.db.selectFrom('campaign_divisions').selectAll().where('campaign_id', '=', row.id).orderBy('division').execute(),
    ]);
    return {
      id: row.id,
      schoolId: row.school_id,
      code: row.code,
      name: row.name,
      type: row.type,
      targetName: row.target_name,
      targets: competences.map((c) => ({ competenceId: c.competence_id, level: c.level })),
      divisions: divisions.map((d) => d.division),
      title: row.title,
      landingText: row.landing_text,
      externalIdLabel: row.external_id_label,
      multipleSendings: row.multiple_sendings === 1,
      deadline: row.deadline,
      ownerId: row.owner_id,
      createdAt: new Date(row.created_at),
      archivedAt: row.archived_at ? new Date(row.archived_at) : null,
      lastRemindedAt: row.last_reminded_at ? new Date(row.last_reminded_at) : null,
    };
  }
}

function columns(f: CampaignFields) {
  return {
    name: f.name,
    type: f.type,
    target_name: f.targetName,
    title: f.title,
    landing_text: f.landingText,
    external_id_label: f.externalIdLabel,
    multiple_sendings: f.multipleSendings ? 1 : 0,
    deadline: f.deadline,
  };
}
