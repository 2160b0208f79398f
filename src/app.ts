/** The composition root: builds every repository, use-case dependency and job once, from the configuration. */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { resolve } from 'node:path';
import type { AssessmentDeps } from './assessment/deps.js';
import { AssessmentRepository } from './assessment/repository.js';
import { createPartixBayes } from './adaptive/bayes-strategy.js';
import { createPositioning } from './adaptive/positioning.js';
import { loadItemParameters } from './adaptive/item-parameter-repository.js';
import { smartRandom } from './adaptive/smart-random.js';
import type { AdaptiveStrategy } from './assessment/strategy.js';
import { renderImportResult } from './cards/render-schools.js';
import { CardTemplates } from './cards/template.js';
import type { Config } from './config.js';
import { loadFramework } from './framework/loader.js';
import type { Framework } from './framework/model.js';
import { langOf, messages } from './i18n/messages.js';
import { createScheduler, type Scheduler } from './jobs/scheduler.js';
import type { Logger } from './logger.js';
import { deliverDue } from './notifications/delivery.js';
import { Outbox } from './notifications/outbox.js';
import type { ImportJob } from './schools/import-job.js';
import { ImportRepository } from './schools/import-repository.js';
import { runImport, type ImportDeps } from './schools/imports.js';
import type { LinkDeps } from './schools/link-student.js';
import type { School } from './schools/model.js';
import { SchoolRepository } from './schools/repository.js';
import { openStore, type Store } from './store/database.js';
import { createChatEndpoint, type ChatEndpoint } from './teams/index.js';
import { UserRepository } from './users/users.js';

export const JOB_NAMES = { outbox: 'outbox-delivery', imports: 'siecle-imports' } as const;

export interface App {
  config: Config;
  logger: Logger;
  store: Store;
  framework: Framework;
  cards: CardTemplates;
  users: UserRepository;
  assessments: AssessmentDeps;
  schools: SchoolRepository;
  imports: ImportDeps;
  link: LinkDeps;
  outbox: Outbox;
  chat: ChatEndpoint;
  scheduler: Scheduler;
  /** Signed, unguessable link to an import's report, valid REPORT_LINK_TTL_HOURS from now; null when PUBLIC_URL is not set. */
  reportUrl(importId: string): string | null;
  /** Whether the token of a report link is ours and for this import (invalid), and still in time (expired). */
  reportLink(importId: string, token: string): 'valid' | 'expired' | 'invalid';
  clock: () => Date;
}

export async function createApp(config: Config, logger: Logger, options: { clock?: () => Date } = {}): Promise<App> {
  const clock = options.clock ?? (() => new Date());
  // Content first: a broken item bank stops the start before anything listens.
  const framework = loadFramework(resolve(config.CONTENT_DIR));
  const cards = new CardTemplates(resolve(config.CARDS_DIR));
  const store = await openStore(config.DATABASE_URL);
  const users = new UserRepository(store.db);
  const schools = new SchoolRepository(store.db);
  const outbox = new Outbox(store.db);
  const importRepository = new ImportRepository(store.db);

  if (!config.REPORT_SECRET) logger.warn('REPORT_SECRET is not set: import report links stop working when the process restarts');
  const reportSecret = config.REPORT_SECRET ?? randomBytes(32).toString('hex');
  // The expiry travels in the token, under the signature: nothing to store, and no one can stretch it.
  const reportSignature = (id: string, expires: string) =>
    createHmac('sha256', reportSecret).update(`import-report:${id}:${expires}`).digest('hex').slice(0, 40);
  const reportToken = (id: string) => {
    const expires = String(Math.floor(clock().getTime() / 1000) + config.REPORT_LINK_TTL_HOURS * 3600);
    return `${expires}-${reportSignature(id, expires)}`;
  };
  const reportUrl = (id: string) => (config.PUBLIC_URL ? `${config.PUBLIC_URL}/reports/imports/${id}/${reportToken(id)}` : null);
  const reportLink = (id: string, token: string): 'valid' | 'expired' | 'invalid' => {
    const parts = /^(\d{1,12})-([0-9a-f]{40})$/.exec(token);
    if (!parts) return 'invalid';
    // Constant time: the comparison must not tell how much of a forged signature was right.
    if (!timingSafeEqual(Buffer.from(reportSignature(id, parts[1]!)), Buffer.from(parts[2]!))) return 'invalid';
    return Number(parts[1]) * 1000 > clock().getTime() ? 'valid' : 'expired';
  };

  let scheduler: Scheduler | null = null;
  const kick = (name: string) => scheduler?.kick(name);

  /** Tells every referent of the school (and whoever ran it) that an import ended. */
  const notifyImport = async (job: ImportJob, school: School) => {
    const recipients = new Set<string>(job.runBy ? [job.runBy] : []);
    for (const member of await schools.staff.teachers(school.id)) if (member.role === 'referent') recipients.add(member.userId);
    for (const userId of recipients) {
      const user = await users.find(userId);
      const lang = langOf(user?.locale);
      const card = renderImportResult({ cards, t: messages(lang), lang, framework }, job, school, reportUrl(job.id));
      await outbox.enqueue({ idempotencyKey: `import:${job.id}:${userId}`, userId, kind: 'import-result', payload: { card }, now: clock() });
    }
    kick(JOB_NAMES.outbox);
  };

  const settings = {
    referentCodeTtlHours: config.REFERENT_CODE_TTL_HOURS,
    invitationTtlHours: config.INVITATION_TTL_HOURS,
    codeAttemptsPerHour: config.CODE_ATTEMPTS_PER_HOUR,
  };
  const imports: ImportDeps = {
    schools,
    imports: importRepository,
    settings,
    clock,
    maxImportBytes: Math.round(config.MAX_IMPORT_MB * 1024 * 1024),
    onFinished: notifyImport,
    kick: () => kick(JOB_NAMES.imports),
  };
  const link: LinkDeps = { schools, settings: { attemptsPerHour: config.RECONCILIATION_ATTEMPTS_PER_HOUR }, clock };
  // Every method stays available: a test keeps the one it started with, whatever the setting says now.
  // Calibrated parameters are read once; `partix calibrate` asks for a restart to use new ones.
  const parameters = await loadItemParameters(store.db);
  const model = { highestLevel: config.HIGHEST_LEVEL };
  const strategies: Record<string, AdaptiveStrategy> = Object.fromEntries(
    [smartRandom, createPartixBayes({ parameters, model }), createPartixBayes({ parameters, model, stopRule: 'confident' })].map((s) => [s.name, s]),
  );
  const assessments: AssessmentDeps = {
    framework,
    assessments: new AssessmentRepository(store.db),
    strategies,
    defaultStrategy: config.ADAPTIVE_STRATEGY,
    positioning: createPositioning({ parameters, model: { highestLevel: config.HIGHEST_LEVEL } }),
    settings: {
      highestLevel: config.HIGHEST_LEVEL,
      improveDelayDays: config.IMPROVE_DELAY_DAYS,
      resetDelayDays: config.RESET_DELAY_DAYS,
      timerGraceSeconds: config.TIMER_GRACE_SECONDS,
      discoveryLength: config.DISCOVERY_LENGTH,
    },
    clock,
  };
  const chat = createChatEndpoint(config, {
    users,
    assessments,
    framework,
    cards,
    logger,
    clock,
    school: { imports, link, users, reportUrl },
    uploads: { dir: resolve(config.UPLOAD_DIR), maxBytes: imports.maxImportBytes },
  });

  scheduler = createScheduler(
    [
      {
        name: JOB_NAMES.outbox,
        schedule: '*/2 * * * * *',
        enabled: config.JOBS_ENABLED,
        run: async () => {
          await recoverInterrupted();
          await deliverDue({
            outbox,
            sender: chat.sender,
            references: users,
            logger,
            clock,
            settings: { maxAttempts: config.OUTBOX_MAX_ATTEMPTS, baseDelayMs: 2000, batchSize: 100, perSecond: config.OUTBOX_RATE_PER_SECOND },
          });
        },
      },
      {
        name: JOB_NAMES.imports,
        schedule: '*/5 * * * * *',
        enabled: config.JOBS_ENABLED,
        run: async () => {
          for (const job of await importRepository.unfinished()) await runImport({ importId: job.id, deps: imports });
        },
      },
    ],
    logger,
  );
  // Messages a stopped process (this one before a restart, or another instance) left half-sent are
  // recorded, never sent twice: at start and at every delivery pass.
  async function recoverInterrupted() {
    const interrupted = await outbox.recoverInterrupted(clock());
    if (interrupted > 0) logger.warn({ interrupted }, 'outbox messages interrupted by a stopped process were not resent');
  }
  await recoverInterrupted();

  return {
    config,
    logger,
    store,
    framework,
    cards,
    users,
    assessments,
    schools,
    imports,
    link,
    outbox,
    chat,
    scheduler,
    reportUrl,
    reportLink,
    clock,
  };
}
