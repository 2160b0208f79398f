/**
 * A certification season on the real app (real store, the test bank of tests/helpers/content-builder.ts,
 * a fake clock): schools, referents, students with linked accounts, and profiles built by writing
 * knowledge elements, so that each test says what level every competence of a student has.
 */
import { join } from 'node:path';
import { createApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { School } from '../../src/schools/model.js';
import type { SiecleStudent } from '../../src/schools/siecle/types.js';
import { siecleStudent as siecleStudentOf } from '../helpers/siecle-student.js';
import { buildTestContent } from '../helpers/content-builder.js';
import { removeTempDir, tempDir } from '../helpers/temp.js';

export class FakeClock {
  constructor(public now: Date) {}
  read = () => this.now;
  set(iso: string) {
    this.now = new Date(iso);
  }
  advanceSeconds(s: number) {
    this.now = new Date(this.now.getTime() + s * 1000);
  }
}

export interface Season {
  app: App;
  clock: FakeClock;
  url: string;
  content: string;
  /** Another instance on the same database (same clock): a restart, or a second server. */
  instance(): Promise<App>;
  close(): Promise<void>;
}

/** jobs: whether the app's jobs may be kicked (the reminders' walk); off, a message enqueued stays pending. */
export async function openSeason({ now, url, jobs = false }: { now: string; url?: string; jobs?: boolean }): Promise<Season> {
  const dir = tempDir('partix-cert-');
  const content = buildTestContent();
  const databaseUrl = url ?? join(dir, 'season.sqlite');
  const clock = new FakeClock(new Date(now));
  const apps: App[] = [];
  const make = async () => {
    const config = parseConfig({ DATABASE_URL: databaseUrl, CONTENT_DIR: content, LOG_LEVEL: 'silent', JOBS_ENABLED: String(jobs), UPLOAD_DIR: join(dir, 'uploads') });
    const app = await createApp(config, createLogger('silent'), { clock: clock.read });
    apps.push(app);
    return app;
  };
  const app = await make();
  return {
    app,
    clock,
    url: databaseUrl,
    content,
    instance: make,
    async close() {
      for (const a of apps) {
        await a.scheduler.stop();
        await a.store.close();
      }
      removeTempDir(dir);
      removeTempDir(content);
    },
  };
}

export async function addSchool(app: App, uaj: string, name: string): Promise<School> {
  return app.schools.addSchool(uaj, name, app.clock());
}

export async function addUser(app: App, teamsUserId: string, locale = 'fr-FR'): Promise<string> {
  const { user } = await app.users.identify({ teamsUserId, name: teamsUserId, locale }, app.clock());
  return user.id;
}

export async function addReferent(app: App, school: School, teamsUserId: string, locale = 'fr-FR'): Promise<string> {
  const userId = await addUser(app, teamsUserId, locale);
  await app.schools.staff.grant({ schoolId: school.id, userId, role: 'referent', canCreateCampaigns: true, grantedBy: null, now: app.clock() });
  return userId;
}

export const siecleStudent = (ine: string, firstName: string, lastName: string, division: string, birthDate = '2011-05-04'): SiecleStudent =>
  siecleStudentOf(ine, firstName, lastName, division, birthDate);

/** Imports the students (replacing the school's list) and returns their record ids by INE. */
export async function addStudents(app: App, school: School, students: SiecleStudent[]): Promise<Map<string, string>> {
  await app.schools.students.applyImport(school.id, students, app.clock());
  const ids = new Map<string, string>();
  for (const { division } of students) {
    for (const s of await app.schools.students.studentsOfDivision(school.id, division)) ids.set(s.ine, s.id);
  }
  return ids;
}

/** A Teams account linked to the record. */
export async function linkStudent(app: App, studentId: string, teamsUserId: string, locale = 'fr-FR'): Promise<string> {
  const userId = await addUser(app, teamsUserId, locale);
  await app.schools.students.link(studentId, userId, app.clock());
  return userId;
}

/**
 * Gives the user exactly these levels: every skill of every tube of the competence up to the level
 * is validated (the test bank's levels are 8 pix each), the next level invalidated.
 */
export async function giveLevels(app: App, userId: string, levels: Record<string, number>): Promise<void> {
  const stamp = app.clock().toISOString();
  const rows = [];
  for (const [competenceId, level] of Object.entries(levels)) {
    for (const tubeName of app.framework.competences.get(competenceId)!.tubeNames) {
      for (const skillId of app.framework.tubes.get(tubeName)!.skillIds) {
        const skill = app.framework.skills.get(skillId)!;
        if (skill.level > level + 1) continue;
        rows.push({
          user_id: userId,
          competence_id: competenceId,
          skill_id: skillId,
          status: skill.level <= level ? ('validated' as const) : ('invalidated' as const),
          source: 'direct' as const,
          answer_id: 'seed',
          created_at: stamp,
          dropped_at: null,
        });
      }
    }
  }
  if (rows.length > 0) await app.store.db.insertInto('knowledge_elements').values(rows).execute();
}

/** Level 2 in the first five competences: eligible, 5 certifiable competences. */
export const FIVE_AT_LEVEL_2 = { '1.1': 2, '1.2': 2, '1.3': 2, '2.1': 2, '2.2': 2 };

export const sessionInput = (date: string, over: Record<string, unknown> = {}) => ({
  site: 'Bâtiment B',
  room: 'Salle 12',
  date,
  time: '09:00',
  examiners: 'M. Leroy',
  description: 'Certification des 3e',
  ...over,
});

/** What the outbox holds for a user, oldest first. */
export async function outboxOf(app: App, userId: string): Promise<Array<{ kind: string; text: string; key: string }>> {
  const rows = await app.store.db.selectFrom('outbox').select(['kind', 'payload', 'idempotency_key', 'created_at']).where('user_id', '=', userId).orderBy('created_at').execute();
  return rows.map((r) => ({ kind: r.kind, text: (JSON.parse(r.payload) as { text?: string }).text ?? '', key: r.idempotency_key }));
}

/**
 * Three schools: the host (Poitiers, zone A) and a partner of the same network, and one outside it
 * (Bordeaux); a referent each; in the host's 3A Léa (eligible) and Tom (not), in 3B Inès (eligible,
 * English Teams), in the partner's 3P Zoé (eligible), outside the network Ugo.
 */
export async function seedNetwork(app: App) {
  const host = await addSchool(app, '0860001A', 'Collège Jean Moulin');
  const partner = await addSchool(app, '0860002B', 'Collège Camille Claudel');
  const outsider = await addSchool(app, '0330003C', 'Collège Montaigne');
  await app.certification.sessions.saveSettings(host.id, { network: 'réseau Eclère', zone: null }, app.clock());
  await app.certification.sessions.saveSettings(partner.id, { network: 'réseau Eclère', zone: null }, app.clock());
  const referents = {
    host: await addReferent(app, host, 'ref-host'),
    partner: await addReferent(app, partner, 'ref-partner', 'en-GB'),
    outsider: await addReferent(app, outsider, 'ref-outsider'),
  };
  const hostIds = await addStudents(app, host, [
    siecleStudent('111111111AA', 'Léa', 'Martin', '3A', '2011-05-04'),
    siecleStudent('222222222BB', 'Tom', 'Durand', '3A', '2011-09-12'),
    siecleStudent('333333333CC', 'Inès', 'Roux', '3B', '2011-01-30'),
    siecleStudent('444444444DD', 'Paul', 'Blanc', '4A', '2012-03-03'),
  ]);
  const partnerIds = await addStudents(app, partner, [siecleStudent('555555555EE', 'Zoé', 'Petit', '3P', '2011-07-07')]);
  const outsiderIds = await addStudents(app, outsider, [siecleStudent('666666666FF', 'Ugo', 'Faure', '3C', '2011-02-02')]);
  const records = {
    lea: hostIds.get('111111111AA')!,
    tom: hostIds.get('222222222BB')!,
    ines: hostIds.get('333333333CC')!,
    paul: hostIds.get('444444444DD')!,
    zoe: partnerIds.get('555555555EE')!,
    ugo: outsiderIds.get('666666666FF')!,
  };
  const users = {
    lea: await linkStudent(app, records.lea, 'lea'),
    tom: await linkStudent(app, records.tom, 'tom'),
    ines: await linkStudent(app, records.ines, 'ines', 'en-GB'),
    zoe: await linkStudent(app, records.zoe, 'zoe'),
    ugo: await linkStudent(app, records.ugo, 'ugo'),
  };
  await giveLevels(app, users.lea, FIVE_AT_LEVEL_2);
  await giveLevels(app, users.ines, FIVE_AT_LEVEL_2);
  await giveLevels(app, users.zoe, { ...FIVE_AT_LEVEL_2, '3.1': 1 });
  await giveLevels(app, users.tom, { '1.1': 1, '1.2': 1 });
  return { schools: { host, partner, outsider }, referents, records, users };
}
