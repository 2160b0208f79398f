/**
 * Layer: store over PostgreSQL. Queries go as named statements, so that a connection has the server
 * parse and plan each once (the answer turn's database CPU halved); transaction control and DDL go
 * unnamed, the number of names is bounded, and results are the same as unnamed. Skipped, with a
 * warning, without PostgreSQL.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { postgresDirect } from '../../src/store/direct.js';
import { preparingPool, StatementNames } from '../../src/store/prepared-pool.js';
import { freshDatabase, postgresAvailable } from '../helpers/postgres.js';

const pgUp = await postgresAvailable();
if (!pgUp) console.warn('PostgreSQL is not reachable at 127.0.0.1:5432: the prepared statements test is skipped');

interface Db {
  notes: { id: number; body: string };
}

describe.skipIf(!pgUp)('named statements on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let db: Kysely<Db>;

  beforeAll(async () => {
    database = await freshDatabase('partix_prepared');
    // One connection, so that its prepared statements are the ones asked about; at most 3 names.
    const names = new StatementNames(3);
    db = new Kysely<Db>({ dialect: new PostgresDialect({ pool: preparingPool(new pg.Pool({ connectionString: database.url, max: 1 }), names) }) });
    await db.schema.createTable('notes').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('body', 'text', (c) => c.notNull()).execute();
    // What runs before the start (the migrations) goes unnamed.
    await db.selectFrom('notes').selectAll().execute();
    names.start();
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const prepared = async () => (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map((r) => r.statement);

  test('a query run again is prepared once and answers with its new values; DDL and transactions go unnamed', async () => {
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('notes').values({ id: 1, body: 'un' }).execute();
      await tx.insertInto('notes').values({ id: 2, body: 'deux' }).execute();
    });
    const first = await db.selectFrom('notes').select('body').where('id', '=', 1).executeTakeFirst();
    const second = await db.selectFrom('notes').select('body').where('id', '=', 2).executeTakeFirst();
    expect([first?.body, second?.body]).toEqual(['un', 'deux']);

    const statements = await prepared();
    expect(statements.filter((s) => s.startsWith('insert into "notes"'))).toHaveLength(1);
    expect(statements.filter((s) => s.startsWith('select "body" from "notes"'))).toHaveLength(1);
    expect(statements.some((s) => /^(begin|commit|create)/i.test(s))).toBe(false);
    expect(statements.some((s) => s.startsWith('select * from "notes"'))).toBe(false);
  });

  test('a table changed by another instance’s migration: the statement prepared before it still answers, with the new column', async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    const names = new StatementNames();
    names.start();
    const other = new Kysely<Db & { wide: { id: number; extra?: string } }>({ dialect: new PostgresDialect({ pool: preparingPool(pool, names) }) });
    const direct = postgresDirect(pool, names);
    try {
      await other.schema.createTable('wide').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
      await other.insertInto('wide').values({ id: 1 }).execute();
      const star = other.selectFrom('wide').selectAll().where('id', '=', 1).compile();
      // Prepared on the one connection, through Kysely and directly.
      expect((await other.executeQuery(star)).rows).toEqual([{ id: 1 }]);
      expect((await direct.run(star.sql, star.parameters))?.rows).toEqual([{ id: 1 }]);
      // Another instance migrates.
      const migrating = new pg.Client({ connectionString: database.url });
      await migrating.connect();
      await migrating.query(`alter table wide add column extra text default 'x'`);
      await migrating.end();
      expect((await other.executeQuery(star)).rows).toEqual([{ id: 1, extra: 'x' }]);
      expect((await other.executeQuery(star)).rows).toEqual([{ id: 1, extra: 'x' }]);
      expect((await direct.run(star.sql, star.parameters))?.rows).toEqual([{ id: 1, extra: 'x' }]);
    } finally {
      await other.destroy();
    }
  });

  test('past the bound, new statements still run, unnamed', async () => {
    // Two names are taken (the insert and the select); the listing above took the third.
    const rows = await db.selectFrom('notes').select(['id', 'body']).where('id', 'in', [1, 2]).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 1, body: 'un' },
      { id: 2, body: 'deux' },
    ]);
    expect((await prepared()).some((s) => s.includes('"id" in'))).toBe(false);
  });
});
