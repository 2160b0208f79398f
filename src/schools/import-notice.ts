/** Tells every referent of the school (and whoever ran it) that an import ended, each in their language. */
import { renderImportResult } from '../cards/render-schools.js';
import type { CardTemplates } from '../cards/template.js';
import type { Framework } from '../framework/model.js';
import { langOfUser } from '../i18n/lang.js';
import { messages } from '../i18n/messages.js';
import type { Outbox } from '../notifications/outbox.js';
import type { UserRepository } from '../users/users.js';
import type { ImportJob } from './import-job.js';
import type { School } from './model.js';
import type { SchoolRepository } from './repository.js';

export interface ImportNoticeDeps {
  schools: SchoolRepository;
  users: UserRepository;
  outbox: Outbox;
  cards: CardTemplates;
  framework: Framework;
  reportUrl: (importId: string) => string | null;
  clock: () => Date;
  /** Asks for a delivery pass now. */
  wakeOutbox: () => void;
}

export async function notifyImportEnded({ job, school, deps }: { job: ImportJob; school: School; deps: ImportNoticeDeps }): Promise<void> {
  const recipients = new Set<string>(job.runBy ? [job.runBy] : []);
  for (const member of await deps.schools.staff.teachers(school.id)) if (member.role === 'referent') recipients.add(member.userId);
  for (const userId of recipients) {
    const user = await deps.users.find(userId);
    const lang = langOfUser(user);
    const card = renderImportResult({ cards: deps.cards, t: messages(lang), lang, framework: deps.framework }, job, school, deps.reportUrl(job.id));
    // One key per job and person: a job another instance also finished notifies once.
    await deps.outbox.enqueue({ idempotencyKey: `import:${job.id}:${userId}`, userId, kind: 'import-result', payload: { card }, now: deps.clock() });
  }
  deps.wakeOutbox();
}
