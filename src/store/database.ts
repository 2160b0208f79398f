/** Opens the store named by DATABASE_URL (SQLite file by default, postgres:// for several instances) and migrates it. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationProvider, type SqliteDatabase } from 'kysely';
import { migrations, ping, type Dialect } from './migrations.js';
import { preparingPool, StatementNames } from './prepared-pool.js';
import { postgresDirect, registerDirect, sqliteDirect } from './direct.js';
import type { Database } from './schema.js';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export function dialectOf(url: string): Dialect {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgres' : 'sqlite';
}

/** poolSize: most PostgreSQL connections this process opens (DATABASE_POOL_SIZE); SQLite has one. */
export async function openStore(url: string, { poolSize = 10 }: { poolSize?: number } = {}): Promise<Store> {
  const dialect = dialectOf(url);
  let db: Kysely<Database>;
  const names = new StatementNames();
  if (dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: url, max: poolSize });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool, names) }) });
    registerDirect(db, postgresDirect(pool, names));
  } else {
    if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true });
    const sqlite = new SQLite(url);
    // WAL: readers never block the writer; synchronous=NORMAL keeps every committed transaction
    // when the process is killed (only a power cut can lose the last ones).
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const statements = withStatementCache(sqlite);
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
    registerDirect(db, sqliteDirect(sqlite, statements));
  }
  await migrate(db, dialect);
  names.start();
  return {
    db,
    dialect,
    async ping() {
      try {
        await ping.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.destroy(),
  };
}

/** Kysely's SQLite driver prepares every query it runs: the hot path's are prepared once and kept. */
const STATEMENT_CACHE = 256;

function withStatementCache(sqlite: SQLite.Database): SqliteDatabase & { prepare(sql: string): SQLite.Statement } {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      // A statement still iterating (a streamed query) cannot run a second time meanwhile.
      if (statement && !statement.busy) return statement;
      statement = sqlite.prepare(sql);
      if (statements.size >= STATEMENT_CACHE) statements.delete(statements.keys().next().value!);
      statements.set(sql, statement);
      return statement;
    },
  };
}

export async function migrate(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  // Migrations are independent tables: one written on a branch may land after a later-numbered one.
  const { error, results } = await new Migrator({ db, provider, allowUnorderedMigrations: true }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} impossible: ${(error as Error).message ?? String(error)}`);
  }
}
