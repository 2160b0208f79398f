/**
 * The composition root: each feature wires itself (its repositories, use-case deps and jobs) from
 * the configuration; this assembles them once, in the order their needs impose.
 */
import { resolve } from 'node:path';
import { wireAdaptive } from './adaptive/wiring.js';
import type { AssessmentDeps } from './assessment/deps.js';
import { wireAssessment } from './assessment/wiring.js';
import type { CampaignDeps } from './campaigns/deps.js';
import { campaignClassChart } from './campaigns/class-chart.js';
import { exportByLink, type ExportResponse } from './campaigns/export-csv.js';
import { wireCampaigns } from './campaigns/wiring.js';
import { CardTemplates } from './cards/template.js';
import { wireCharts, type Charts, type ChartSource } from './charts/wiring.js';
import type { CertificationDeps } from './certification/deps.js';
import { wireCertification } from './certification/wiring.js';
import type { Config } from './config.js';
import { loadFramework } from './framework/loader.js';
import type { Framework } from './framework/model.js';
import { JobLeases } from './jobs/leases.js';
import { createScheduler, type Scheduler } from './jobs/scheduler.js';
import type { Logger } from './logger.js';
import type { Sender } from './notifications/delivery.js';
import type { Outbox } from './notifications/outbox.js';
import { wireNotifications } from './notifications/wiring.js';
import type { ImportDeps } from './schools/imports.js';
import type { LinkDeps } from './schools/link-student.js';
import type { ReportLinks } from './schools/report-links.js';
import type { SchoolRepository } from './schools/repository.js';
import { wireSchools } from './schools/wiring.js';
import type { ReminderDeps } from './reminders/deps.js';
import { wireReminders } from './reminders/wiring.js';
import { openStore, type Store } from './store/database.js';
import type { BotDeps } from './teams/bot.js';
import type { ChatEndpoint } from './teams/index.js';
import { UserRepository } from './users/users.js';

export interface App extends ReportLinks {
  config: Config;
  logger: Logger;
  store: Store;
  framework: Framework;
  cards: CardTemplates;
  users: UserRepository;
  assessments: AssessmentDeps;
  campaigns: CampaignDeps;
  schools: SchoolRepository;
  imports: ImportDeps;
  link: LinkDeps;
  outbox: Outbox;
  charts: Charts;
  /** What GET /campaigns/:id/export/:token.csv answers (the campaign's CSV while its signed link holds). */
  campaignExport(campaignId: string, file: string): Promise<ExportResponse>;
  certification: CertificationDeps;
  reminders: ReminderDeps;
  /** The chat edge, loaded with botbuilder on first use or when warmed (after listening). */
  chat: ChatEndpoint & { warm(): Promise<void> };
  scheduler: Scheduler;
  clock: () => Date;
}

export async function createApp(config: Config, logger: Logger, options: { clock?: () => Date; chartSource?: ChartSource } = {}): Promise<App> {
  const clock = options.clock ?? (() => new Date());
  // Content first: a broken item bank stops the start before anything listens.
  const framework = loadFramework(resolve(config.CONTENT_DIR));
  const cards = new CardTemplates(resolve(config.CARDS_DIR));
  const store = await openStore(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE });
  const users = new UserRepository(store.db);

  // Features wake each other's jobs (an import ended: deliver its notices now) before the scheduler
  // that holds every job exists; and the chat endpoint, which owns the Teams sender, needs the
  // features' deps. Both are read when used, never while wiring.
  let scheduler: Scheduler | null = null;
  const kick = (job: string) => void scheduler?.kick(job);
  // botbuilder and the chat edge (a third of a start's CPU) load after listening, or with the first
  // message if it comes first: /health and the rest answer meanwhile.
  let loading: Promise<ChatEndpoint> | null = null;
  const endpoint = () => (loading ??= import('./teams/index.js').then(({ createChatEndpoint }) => createChatEndpoint(config, chatDeps)));
  const sender: Sender = { send: async (reference, payload) => (await endpoint()).sender.send(reference, payload) };
  const chat: App['chat'] = {
    handle: async (req, res) => (await endpoint()).handle(req, res),
    sender,
    warm: async () => void (await endpoint()),
  };

  const notifications = wireNotifications({ config, store, logger, clock, sender, references: users, kick });
  const schools = wireSchools({ config, store, logger, clock, framework, cards, users, outbox: notifications.outbox, wakeOutbox: notifications.wake, kick });
  const certification = wireCertification({ config, store, framework, schoolDeps: schools.imports, outbox: notifications.outbox, wakeOutbox: notifications.wake, clock });
  const reminders = wireReminders({ config, store, certification });
  const assessment = wireAssessment({ config, store, framework, clock, methods: await wireAdaptive({ config, store }) });
  // The chart's route reads the campaigns' results, and the results card shows the chart's link: the source is read when a chart is asked for.
  const campaignCharts: ChartSource = { classChart: (id) => campaignClassChart(campaigns, id) };
  const charts = wireCharts({ config, clock, source: options.chartSource ?? campaignCharts });
  const campaigns = wireCampaigns({ config, store, schools: schools.schools, assessment: assessment.assessments, outbox: notifications.outbox, users, cards, clock, wakeOutbox: notifications.wake, chartUrl: charts.chartUrl });

  const chatDeps: BotDeps = {
    users,
    framework,
    cards,
    logger,
    clock,
    features: {
      account: { users, assessment: assessment.assessments, memberships: (userId) => schools.imports.schools.staff.memberships(userId), clock },
      assessment: assessment.assessments,
      school: { imports: schools.imports, link: schools.link, users, reportUrl: schools.reportUrl },
      certification: { certification, reminders: reminders.deps },
      campaign: campaigns,
    },
    onPendingSent: (pending, activityId) => assessment.assessments.assessments.setPendingActivity(pending.assessmentId, pending.challengeId, activityId),
  };
  scheduler = createScheduler({ jobs: [...notifications.jobs, ...schools.jobs, ...assessment.jobs, ...reminders.jobs], logger, leases: new JobLeases(store.db), clock });
  await notifications.recoverInterrupted();

  return {
    config,
    logger,
    store,
    framework,
    cards,
    users,
    assessments: assessment.assessments,
    campaigns,
    campaignExport: (campaignId, file) => exportByLink({ campaignId, file, deps: campaigns }),
    schools: schools.schools,
    imports: schools.imports,
    link: schools.link,
    outbox: notifications.outbox,
    charts,
    certification,
    reminders: reminders.deps,
    chat,
    scheduler,
    reportUrl: schools.reportUrl,
    reportLink: schools.reportLink,
    clock,
  };
}
