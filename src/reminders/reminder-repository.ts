/**
 * What the reminders read of the season (one snapshot per run) and who turned them off. The
 * knowledge of every student of the certification classes is read in one query per batch.
 */
import type { Kysely } from 'kysely';
import type { KnowledgeElement } from '../assessment/knowledge.js';
import type { CandidateRepository } from '../certification/candidate-repository.js';
import { eligibilityOf } from '../certification/eligibility.js';
import type { SessionRepository } from '../certification/session-repository.js';
import { addDays } from '../certification/window.js';
import type { Framework } from '../framework/model.js';
import type { Database } from '../store/schema.js';
import type { SeasonSnapshot } from './plan.js';
import { zoneOfUaj } from './zones.js';

const CHUNK = 400;

export class ReminderRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly sessions: SessionRepository,
    private readonly candidates: CandidateRepository,
  ) {}

  async setEnabled(userId: string, enabled: boolean, now: Date): Promise<void> {
    const values = { enabled: enabled ? 1 : 0, updated_at: now.toISOString() };
    await this.db
      .insertInto('reminder_preferences')
      .values({ user_id: userId, ...values })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
      .execute();
  }

  async enabled(userId: string): Promise<boolean> {
    const row = await this.db.selectFrom('reminder_preferences').select('enabled').where('user_id', '=', userId).executeTakeFirst();
    return row?.enabled !== 0;
  }

  async snapshot({ day, framework, highestLevel, certificationClasses }: { day: string; framework: Framework; highestLevel: number; certificationClasses: RegExp }): Promise<SeasonSnapshot> {
    const [schoolRows, settings, sessions] = await Promise.all([
      this.db.selectFrom('schools').select(['id', 'uaj', 'name']).execute(),
      this.sessions.allSettings(),
      this.sessions.active(addDays(day, -30)),
    ]);
    const schools = schoolRows.map((s) => ({ id: s.id, name: s.name, zone: settings.get(s.id)?.zone ?? zoneOfUaj(s.uaj) }));
    const candidates = await this.candidates.ofSessions(sessions.map((s) => s.id));
    const students = (await this.db.selectFrom('students').select(['school_id', 'division', 'user_id']).where('active', '=', 1).execute()).filter((s) => certificationClasses.test(s.division));
    const knowledge = await this.knowledgeOf(students.flatMap((s) => (s.user_id ? [s.user_id] : [])));
    const classStudents = students.map((s) => ({
      schoolId: s.school_id,
      division: s.division,
      userId: s.user_id,
      eligibility: eligibilityOf({ framework, knowledge: knowledge.get(s.user_id ?? '')?.values() ?? [], highestLevel }),
    }));
    const referents = new Map(await Promise.all(schools.map(async (s) => [s.id, await this.sessions.referentsOf(s.id)] as const)));
    const stopped = new Set((await this.db.selectFrom('reminder_preferences').select('user_id').where('enabled', '=', 0).execute()).map((r) => r.user_id));
    const everyone = [...new Set([...candidates.flatMap((c) => (c.linkedUserId ? [c.linkedUserId] : [])), ...classStudents.flatMap((s) => (s.userId ? [s.userId] : [])), ...[...referents.values()].flat()])];
    const locales = new Map<string, string | null>();
    for (let i = 0; i < everyone.length; i += CHUNK) for (const [id, locale] of await this.sessions.locales(everyone.slice(i, i + CHUNK))) locales.set(id, locale);
    return { schools, sessions, candidates, classStudents, referents, stopped, locales };
  }

  /** The latest element per skill of each user, as the profile counts it. */
  private async knowledgeOf(userIds: string[]): Promise<Map<string, Map<string, KnowledgeElement>>> {
    const byUser = new Map<string, Map<string, KnowledgeElement>>();
    for (let i = 0; i < userIds.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('knowledge_elements')
        .select(['user_id', 'skill_id', 'status', 'source', 'created_at'])
        .where('user_id', 'in', userIds.slice(i, i + CHUNK))
        .where('dropped_at', 'is', null)
        .orderBy('id')
        .execute();
      for (const r of rows) {
        const map = byUser.get(r.user_id) ?? new Map<string, KnowledgeElement>();
        map.set(r.skill_id, { skillId: r.skill_id, status: r.status, source: r.source, createdAt: new Date(r.created_at) });
        byUser.set(r.user_id, map);
      }
    }
    return byUser;
  }

  /** Reminder keys the outbox holds already: what the preview must not count again. */
  async enqueuedKeys(): Promise<Set<string>> {
    const rows = await this.db.selectFrom('outbox').select('idempotency_key').where('idempotency_key', 'like', 'reminder:%').execute();
    return new Set(rows.map((r) => r.idempotency_key));
  }
}
