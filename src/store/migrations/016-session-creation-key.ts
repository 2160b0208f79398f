/**
 * A certification session is created once, whatever the clicks: the key of the request that created
 * it (the referent and the form card's message, or the referent and the typed line's activity) under
 * a unique index. Two clicks on one form, or Teams redelivering one line, insert one row; the second
 * loses on the index and is shown the first. Null for sessions made before, or by a request without an id.
 */
import type { Kysely, Migration } from 'kysely';

export function sessionCreationKeyMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('certification_sessions').addColumn('creation_key', 'text').execute();
      // Both SQLite and PostgreSQL let any number of rows hold null under a unique index.
      await db.schema.createIndex('certification_sessions_creation_key_idx').on('certification_sessions').column('creation_key').unique().execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('certification_sessions_creation_key_idx').execute();
      await db.schema.alterTable('certification_sessions').dropColumn('creation_key').execute();
    },
  };
}
