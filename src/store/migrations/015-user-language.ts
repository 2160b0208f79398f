/**
 * The language a user chose (`langue anglais`): it wins over the Teams locale, which the Agents
 * Playground always sends as en-US. Null: the Teams locale decides.
 */
import type { Kysely, Migration } from 'kysely';

export function userLanguageMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('users').addColumn('language', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('users').dropColumn('language').execute();
    },
  };
}
