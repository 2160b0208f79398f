/**
 * A campaign is created once, whatever the clicks: the key of the request that created it (the
 * user and the form card's message, or the user and the typed line's activity) under a unique index.
 * Two clicks on one form, or Teams redelivering one line, insert one row; the second loses on the
 * index and is shown the first. Null for campaigns made before, or by a request without an id.
 */
import type { Kysely, Migration } from 'kysely';

export function campaignCreationKeyMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('campaigns').addColumn('creation_key', 'text').execute();
      // Both SQLite and PostgreSQL let any number of rows hold null under a unique index.
      await db.schema.createIndex('campaigns_creation_key_idx').on('campaigns').column('creation_key').unique().execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('campaigns_creation_key_idx').execute();
      await db.schema.alterTable('campaigns').dropColumn('creation_key').execute();
    },
  };
}
