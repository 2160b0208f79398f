/**
 * The uploaded SIECLE export waits for its import job in the database, not on the disk of the
 * instance that received it: with several instances, any of them may run the job (or take it over
 * from one that stopped). The row is deleted when the job ends, as the file was before.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from './tables.js';

export function importFilesMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // In chunks of at most 1 MiB (seq 0, 1, …), written and read one at a time: a 20 MiB export is
      // never held whole in memory.
      await db.schema
        .createTable('import_files')
        .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('content', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('import_files_pk', ['import_id', 'seq'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('import_files').execute();
    },
  };
}
