/** What every migration needs to stay portable between SQLite and PostgreSQL. */
import type { Kysely } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** A table whose first column is an auto-increment integer id, in the dialect's own way. */
export function tableWithSerialId(db: Kysely<unknown>, table: string, dialect: Dialect) {
  return db.schema
    .createTable(table)
    .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()));
}
