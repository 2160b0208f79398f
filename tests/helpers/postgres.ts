/**
 * The PostgreSQL server every machine of this project runs (127.0.0.1:5432, trust auth, database
 * `test`), for the tests that need one: each makes a database of its own for the run and drops it.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export const POSTGRES_SERVER = 'postgres://postgres@127.0.0.1:5432';
export const ADMIN_URL = `${POSTGRES_SERVER}/test`;
/** Set by tests/global-setup.ts: the run's id, in every database name, so that its end finds those left. */
export const RUN_ENV = 'PARTIX_TEST_RUN';

export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** A fresh, empty database (its URL), and how to drop it once whoever used it has closed. */
export async function freshDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.env[RUN_ENV] ?? 'norun'}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  return {
    url: `${POSTGRES_SERVER}/${name}`,
    drop: async () => {
      // A process just killed may hold a connection for a moment after it is gone.
      for (let tries = 0; ; tries++) {
        try {
          await admin.query(`drop database if exists ${name}`);
          break;
        } catch (error) {
          if (tries >= 50 || !/being accessed by other users/.test((error as Error).message)) throw error;
          await new Promise((ok) => setTimeout(ok, 100));
        }
      }
      await admin.end();
    },
  };
}
