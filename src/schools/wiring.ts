/** Schools, staff rights, account links and SIECLE imports: their repositories, settings and the import job. */
import type { CardTemplates } from '../cards/template.js';
import type { Config } from '../config.js';
import type { Framework } from '../framework/model.js';
import type { Job } from '../jobs/scheduler.js';
import type { Logger } from '../logger.js';
import type { Outbox } from '../notifications/outbox.js';
import type { Store } from '../store/database.js';
import type { UserRepository } from '../users/users.js';
import { notifyImportEnded } from './import-notice.js';
import { ImportRepository } from './import-repository.js';
import { runImport, type ImportDeps } from './imports.js';
import type { LinkDeps } from './link-student.js';
import { createReportLinks, type ReportLinks } from './report-links.js';
import { SchoolRepository } from './repository.js';

export const IMPORTS_JOB = 'siecle-imports';

export interface SchoolsWiring extends ReportLinks {
  schools: SchoolRepository;
  imports: ImportDeps;
  link: LinkDeps;
  jobs: Job[];
}

export function wireSchools({
  config,
  store,
  logger,
  clock,
  framework,
  cards,
  users,
  outbox,
  wakeOutbox,
  kick,
}: {
  config: Config;
  store: Store;
  logger: Logger;
  clock: () => Date;
  framework: Framework;
  cards: CardTemplates;
  users: UserRepository;
  outbox: Outbox;
  wakeOutbox: () => void;
  kick: (job: string) => void;
}): SchoolsWiring {
  const schools = new SchoolRepository(store.db);
  const links = createReportLinks({ secret: config.REPORT_SECRET, publicUrl: config.PUBLIC_URL, ttlHours: config.REPORT_LINK_TTL_HOURS, clock, logger });
  const notice = { schools, users, outbox, cards, framework, reportUrl: links.reportUrl, clock, wakeOutbox };
  const imports: ImportDeps = {
    schools,
    imports: new ImportRepository(store.db),
    settings: {
      referentCodeTtlHours: config.REFERENT_CODE_TTL_HOURS,
      invitationTtlHours: config.INVITATION_TTL_HOURS,
      codeAttemptsPerHour: config.CODE_ATTEMPTS_PER_HOUR,
    },
    clock,
    maxImportBytes: Math.round(config.MAX_IMPORT_MB * 1024 * 1024),
    onFinished: (job, school) => notifyImportEnded({ job, school, deps: notice }),
    kick: () => kick(IMPORTS_JOB),
  };
  const link: LinkDeps = { schools, settings: { attemptsPerHour: config.RECONCILIATION_ATTEMPTS_PER_HOUR }, clock };
  return {
    schools,
    imports,
    link,
    reportUrl: links.reportUrl,
    reportLink: links.reportLink,
    jobs: [
      {
        name: IMPORTS_JOB,
        schedule: '*/5 * * * * *',
        enabled: config.JOBS_ENABLED,
        run: async () => {
          for (const job of await imports.imports.unfinished()) await runImport({ importId: job.id, deps: imports });
        },
      },
    ],
  };
}
