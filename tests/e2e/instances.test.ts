/**
 * Layer: several bot instances sharing one PostgreSQL database, as an académie would deploy them.
 * Each instance is a whole app (HTTP, CloudAdapter, its own connector stub, its own upload folder);
 * only the database is shared. Skipped, with a warning, when PostgreSQL is not reachable.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addSchool } from '../../src/schools/schools.js';
import { cardText, startTestBot, Student, type TestBot } from '../helpers/chat.js';
import { Conversation } from '../helpers/conversation.js';
import { deliverOutbox, runImports } from '../helpers/jobs.js';
import { freshDatabase, postgresAvailable } from '../helpers/postgres.js';

const pgUp = await postgresAvailable();
if (!pgUp) console.warn('PostgreSQL is not reachable at 127.0.0.1:5432: the several-instance tests are skipped');

describe.skipIf(!pgUp)('two instances on one PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let a: TestBot;
  let b: TestBot;

  beforeAll(async () => {
    database = await freshDatabase('partix_instances');
    // Both start at once on an empty database: they race to create the schema.
    [a, b] = await Promise.all([startTestBot({ DATABASE_URL: database.url }), startTestBot({ DATABASE_URL: database.url })]);
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await database?.drop();
  });

  test('start together, and every proactive message is sent once, whichever instance sends it', async () => {
    // Half of the students talk to each instance: their conversation reference points at its connector.
    const students = Array.from({ length: 24 }, (_, i) => new Student(i % 2 === 0 ? a : b, `29:pupil-${i}`));
    for (const s of students) await s.install();
    for (const bot of [a, b]) for (const s of students) bot.connector.drain(`a:conv-${s.teamsId}`);

    for (const [i, s] of students.entries()) {
      const { user } = await a.app.users.identify({ teamsUserId: s.teamsId }, a.clock.now);
      const message = { idempotencyKey: `notice-${i}`, userId: user.id, kind: 'test', payload: { text: `Message ${i}` }, now: a.clock.now };
      expect(await a.app.outbox.enqueue(message)).toBe(true);
      // The same notification raised by the other instance (a job both ran) is stored once.
      expect(await b.app.outbox.enqueue(message)).toBe(false);
    }

    // Both instances' delivery workers run at the same time until nothing is left.
    let total = 0;
    for (let pass = 0; pass < 5; pass++) {
      const [fromA, fromB] = await Promise.all([deliverOutbox(a), deliverOutbox(b)]);
      expect(fromA.failed + fromB.failed).toBe(0);
      total += fromA.sent + fromB.sent;
      if (fromA.sent + fromB.sent === 0) break;
    }
    expect(total).toBe(24);

    for (const [i, s] of students.entries()) {
      const connector = (i % 2 === 0 ? a : b).connector;
      expect(connector.drain(`a:conv-${s.teamsId}`).sent.map((m) => m.text)).toEqual([`Message ${i}`]);
    }
    expect(await a.app.outbox.counts()).toEqual({ sent: 24 });
  });

  test('a class clicks "Commencer" on both instances at once: one running test per student, the same question everywhere', async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `29:racer-${i}`);
    for (const id of ids) await new Student(a, id).install();
    // Each student's four clicks: two reach each instance (Teams spreads them behind a balancer).
    const clicks = ids.flatMap((id) => [a, a, b, b].map((bot) => ({ id, bot, reply: new Student(bot, id).say('commencer 1.1') })));
    const replies = await Promise.all(clicks.map(async (c) => ({ ...c, reply: await c.reply })));
    // What a concurrent reply's drain left with a connector is still what the student saw.
    const late = new Map(ids.map((id) => [id, [a, b].flatMap((bot) => bot.connector.drain(`a:conv-${id}`).sent.flatMap((m) => m.attachments ?? []).map((x) => x.content))]));
    for (const id of ids) {
      const { user } = await a.app.users.identify({ teamsUserId: id }, a.clock.now);
      const running = await a.app.store.db
        .selectFrom('assessments')
        .select(['id', 'pending_challenge_id'])
        .where('user_id', '=', user.id)
        .where('competence_id', '=', '1.1')
        .where('state', '=', 'started')
        .execute();
      expect(running, id).toHaveLength(1);
      const shown = replies.filter((r) => r.id === id).map((r) => r.reply);
      for (const reply of shown) expect(reply.status).toBe(200);
      const questions = [...shown.flatMap((r) => r.cards.map((c) => c.card)), ...late.get(id)!].map((card) => cardText(card)).filter((t) => /Question 1/.test(t));
      expect(questions, id).toHaveLength(4);
      expect(new Set(questions).size, id).toBe(1);
    }
  });

  test('an export sent through one instance is imported by another, which cannot see its disk, and the referent is told once', async () => {
    const { code } = await addSchool({ uaj: '0860001A', name: 'Collège Jean Moulin', deps: a.app.imports });
    const referent = new Conversation(a, new Student(a, '29:referent', 'fr-FR', 'Claire DUPONT'));
    await referent.play([[`code ${code}`, [/référent·e Partix de Collège Jean Moulin/]]]);

    const name = 'ElevesSansAdresses-60.xml';
    nock('https://contoso.sharepoint.com').get(`/${name}`).reply(200, readFileSync(`tests/fixtures/siecle/${name}`));
    await referent.student.sendFile(name, `https://contoso.sharepoint.com/${name}`);
    // The instance that received it only recorded the request in the shared database, nothing on its disk…
    expect(existsSync(a.app.config.UPLOAD_DIR) ? readdirSync(a.app.config.UPLOAD_DIR) : []).toEqual([]);
    // …which could as well be another machine: whichever runs the job fetches the file.
    rmSync(a.app.config.UPLOAD_DIR, { recursive: true, force: true });

    await runImports(b);
    await runImports(a);
    const [job] = await a.app.imports.imports.recent((await a.app.schools.schoolByUaj('0860001A'))!.id);
    expect(job).toMatchObject({ state: 'imported', counts: expect.objectContaining({ imported: 54, skipped: 6 }) });
    // Nothing of the student list is kept once the job has ended.
    for await (const chunk of a.app.imports.imports.fileChunks(job!.id)) expect.unreachable(`a chunk of ${chunk.length} bytes is left`);

    const [fromA, fromB] = await Promise.all([deliverOutbox(a), deliverOutbox(b)]);
    expect(fromA.sent + fromB.sent).toBe(1);
    const cards = a.connector.drain('a:conv-29:referent').sent.flatMap((m) => m.attachments ?? []);
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0]!.content)).toMatch(/Import SIECLE terminé/);
  });
});
