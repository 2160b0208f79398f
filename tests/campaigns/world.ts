/**
 * A small world for the campaign use cases, on a real store (SQLite in a temp folder, or a
 * PostgreSQL database of its own): two schools, their staff, students linked or not, a disabled
 * one, and a known item bank of five competences. Only the edges are replaced: the message port
 * renders a plain text instead of a card.
 */
import { join } from 'node:path';
import { createPartixBayes } from '../../src/adaptive/bayes-strategy.js';
import { smartRandom } from '../../src/adaptive/smart-random.js';
import type { AssessmentDeps } from '../../src/assessment/deps.js';
import { AssessmentRepository } from '../../src/assessment/repository.js';
import { CampaignRepository } from '../../src/campaigns/repository.js';
import type { CampaignDeps } from '../../src/campaigns/deps.js';
import { campaignLinks } from '../../src/campaigns/links.js';
import type { Framework } from '../../src/framework/model.js';
import { Outbox } from '../../src/notifications/outbox.js';
import { SchoolRepository } from '../../src/schools/repository.js';
import type { SiecleStudent } from '../../src/schools/siecle/types.js';
import { siecleStudent } from '../helpers/siecle-student.js';
import { openStore, type Store } from '../../src/store/database.js';
import { UserRepository } from '../../src/users/users.js';
import { buildFramework, regularCompetence } from '../assessment/builders.js';
import { freshDatabase } from '../helpers/postgres.js';
import { removeTempDir, tempDir } from '../helpers/temp.js';

export const FIVE = ['1.1', '2.1', '3.1', '4.1', '5.1'];

export const siecle = (ine: string, firstName: string, lastName: string, division: string): SiecleStudent => siecleStudent(ine, firstName, lastName, division);

export class Clock {
  constructor(public now = new Date('2026-03-02T09:00:00Z')) {}
  read = () => new Date(this.now);
  advanceDays(days: number) {
    this.now = new Date(this.now.getTime() + days * 86_400_000);
  }
}

export interface World {
  store: Store;
  deps: CampaignDeps;
  clock: Clock;
  framework: Framework;
  users: UserRepository;
  outbox: Outbox;
  schools: SchoolRepository;
  /** user ids */
  referent: string;
  teacher: string;
  otherTeacher: string;
  noRight: string;
  outsider: string;
  /** Linked students of 4A (léa, hugo, inès), of 4B (tom), of school B (zoé); a disabled one (max). */
  student: Record<'lea' | 'hugo' | 'ines' | 'tom' | 'zoe' | 'max', string>;
  /** Sends every queued message: the users with a conversation get it, the others fail as the worker would record (`blocked`: Teams answers 403, `gone`: 404). */
  deliverAll(blocked?: string[], gone?: string[]): Promise<void>;
  close(): Promise<void>;
}

export async function makeWorld(dialect: 'sqlite' | 'postgres' = 'sqlite', framework: Framework = buildFramework(...FIVE.map((id) => regularCompetence(id)))): Promise<World> {
  let store: Store;
  let drop: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = tempDir('partix-campaigns-');
    store = await openStore(join(dir, 'c.sqlite'));
    drop = async () => removeTempDir(dir);
  } else {
    const database = await freshDatabase('partix_campaigns');
    store = await openStore(database.url, { poolSize: 4 });
    drop = database.drop;
  }
  const clock = new Clock();
  const users = new UserRepository(store.db);
  const schools = new SchoolRepository(store.db);
  const outbox = new Outbox(store.db);
  const now = clock.read();
  const user = async (name: string, conversation = true) => {
    const { user: u } = await users.identify({ teamsUserId: `29:${name}`, name, locale: 'fr-FR' }, now);
    if (conversation) {
      await users.saveConversationReference(u.id, { serviceUrl: 'https://smba.example/', channelId: 'msteams', tenantId: 't1', userId: `29:${name}`, conversationId: `a:${name}`, botId: '28:bot', botName: 'Partix' }, now);
    }
    return u.id;
  };
  const a = await schools.addSchool('0860001A', 'Collège Jean Moulin', now);
  const b = await schools.addSchool('0860002B', 'Collège Voisin', now);
  const referent = await user('referent');
  const teacher = await user('teacher');
  const otherTeacher = await user('other-teacher');
  const noRight = await user('no-right');
  const outsider = await user('outsider');
  await schools.staff.grant({ schoolId: a.id, userId: referent, role: 'referent', canCreateCampaigns: true, grantedBy: null, now });
  await schools.staff.grant({ schoolId: a.id, userId: teacher, role: 'teacher', canCreateCampaigns: true, grantedBy: referent, now });
  await schools.staff.grant({ schoolId: a.id, userId: otherTeacher, role: 'teacher', canCreateCampaigns: true, grantedBy: referent, now });
  await schools.staff.grant({ schoolId: a.id, userId: noRight, role: 'teacher', canCreateCampaigns: false, grantedBy: referent, now });
  await schools.staff.grant({ schoolId: b.id, userId: outsider, role: 'referent', canCreateCampaigns: true, grantedBy: null, now });

  const roster = [siecle('111111111AA', 'Léa', 'MARTIN', '4A'), siecle('222222222BB', 'Hugo', 'BERNARD', '4A'), siecle('333333333CC', 'Inès', 'PETIT', '4A'), siecle('444444444DD', 'Noé', 'ROUX', '4A'), siecle('555555555EE', 'Tom', 'DURAND', '4B'), siecle('666666666FF', 'Max', 'LEROY', '4B')];
  await schools.students.applyImport(a.id, roster, now);
  await schools.students.applyImport(b.id, [siecle('777777777GG', 'Zoé', 'MOREAU', '3C')], now);
  const ids = async (schoolId: string) => new Map((await Promise.all((await schools.students.divisions(schoolId)).map((d) => schools.students.studentsOfDivision(schoolId, d.division)))).flat().map((s) => [s.ine, s.id]));
  const recordsA = await ids(a.id);
  const recordsB = await ids(b.id);
  const student = {
    lea: await user('lea'),
    hugo: await user('hugo'),
    // Linked, but never wrote to the bot: no conversation reference.
    ines: await user('ines', false),
    tom: await user('tom'),
    zoe: await user('zoe'),
    max: await user('max'),
  };
  await schools.students.link(recordsA.get('111111111AA')!, student.lea, now);
  await schools.students.link(recordsA.get('222222222BB')!, student.hugo, now);
  await schools.students.link(recordsA.get('333333333CC')!, student.ines, now);
  await schools.students.link(recordsA.get('555555555EE')!, student.tom, now);
  await schools.students.link(recordsA.get('666666666FF')!, student.max, now);
  await schools.students.link(recordsB.get('777777777GG')!, student.zoe, now);
  // Max left the school: the next export no longer has him, his record is disabled.
  await schools.students.applyImport(a.id, roster.slice(0, 5), now);

  const assessment: AssessmentDeps = {
    framework,
    assessments: new AssessmentRepository(store.db, store.dialect),
    strategies: Object.fromEntries([smartRandom, createPartixBayes({ model: { highestLevel: 5 } })].map((s) => [s.name, s])),
    defaultStrategy: 'partix-bayes',
    settings: { highestLevel: 5, improveDelayDays: 4, resetDelayDays: 7, timerGraceSeconds: 5, discoveryLength: 5 },
    clock: clock.read,
    newSeed: () => 42,
  };
  let wakes = 0;
  const deps: CampaignDeps = {
    campaigns: new CampaignRepository(store.db),
    schools,
    assessment,
    outbox,
    references: users,
    message: async ({ campaign, purpose }) => ({ text: `${purpose} ${campaign.code}` }),
    wakeOutbox: () => void wakes++,
    // Signed export links as the deployment makes them (valid 2 h); the chart's link is src/charts' (tests/charts).
    links: campaignLinks({ config: { PUBLIC_URL: 'https://partix.test', REPORT_SECRET: 'a-test-secret-of-32-characters!!', REPORT_LINK_TTL_HOURS: 2 }, clock: clock.read, chartUrl: () => null }),
    settings: { retryDelayDays: 4, expectedPerCompetence: 6, pushStaleMinutes: 5 },
    clock: clock.read,
  };
  return {
    store,
    deps,
    clock,
    framework,
    users,
    outbox,
    schools,
    referent,
    teacher,
    otherTeacher,
    noRight,
    outsider,
    student,
    async deliverAll(blocked = [], gone = []) {
      const { token, messages } = await outbox.claimDue(clock.read(), 10_000, 60_000);
      for (const m of messages) {
        if (!(await users.conversationReference(m.userId))) await outbox.markFailed(m.id, { status: null, error: 'no conversation reference', reason: 'never_opened' }, clock.read());
        else if (blocked.includes(m.userId)) await outbox.markFailed(m.id, { status: 403, error: 'blocked', reason: 'blocked' }, clock.read());
        else if (gone.includes(m.userId)) await outbox.markFailed(m.id, { status: 404, error: 'gone', reason: 'conversation_gone' }, clock.read());
        else if (await outbox.markSending(m, token, clock.read())) await outbox.markSent(m.id, clock.read());
      }
    },
    async close() {
      await store.close();
      await drop();
    },
  };
}
