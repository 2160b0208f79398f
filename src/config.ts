/**
 * The one place that reads process.env. Every key is documented in .env.example; a wrong value stops
 * the process with a message naming the key.
 */
import { z } from 'zod';

const days = z.coerce.number().int().min(0).max(365);

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .default('./data/partix.sqlite')
    .refine((u) => !/^[a-z]+:\/\//i.test(u) || /^postgres(ql)?:\/\//i.test(u), 'a file path (SQLite) or a postgres:// URL'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  CONTENT_DIR: z.string().default('./content'),
  CARDS_DIR: z.string().default('./cards'),
  MicrosoftAppId: z.string().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: z.string().default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HIGHEST_LEVEL: z.coerce.number().int().min(1).max(8).default(5),
  IMPROVE_DELAY_DAYS: days.default(4),
  RESET_DELAY_DAYS: days.default(7),
  CAMPAIGN_RETRY_DELAY_DAYS: days.default(4),
  ADAPTIVE_STRATEGY: z.enum(['smart-random', 'partix-bayes', 'partix-bayes-short']).default('partix-bayes'),
  TIMER_GRACE_SECONDS: z.coerce.number().int().min(0).max(120).default(5),
  DISCOVERY_LENGTH: z.coerce.number().int().min(3).max(16).default(5),
  CONNECTOR_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(10_000),
  PUBLIC_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'an http(s) URL')
    .transform((u) => u.replace(/\/$/, ''))
    .optional(),
  REPORT_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  REPORT_LINK_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(72),
  UPLOAD_DIR: z.string().default('./data/uploads'),
  MAX_IMPORT_MB: z.coerce.number().min(1).max(200).default(20),
  REFERENT_CODE_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(72),
  INVITATION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(168),
  RECONCILIATION_ATTEMPTS_PER_HOUR: z.coerce.number().int().min(1).max(100).default(5),
  CODE_ATTEMPTS_PER_HOUR: z.coerce.number().int().min(1).max(100).default(5),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  OUTBOX_RATE_PER_SECOND: z.coerce.number().min(1).max(50).default(50),
  CERTIFICATION_WINDOW: z.string().regex(/^\d{2}-\d{2}\/\d{2}-\d{2}$/, 'MM-DD/MM-DD, e.g. 04-01/07-31').default('04-01/07-31'),
  CERTIFICATION_DURATION_MINUTES: z.coerce.number().int().min(10).max(600).default(120),
  CERTIFICATION_CLASSES: z
    .string()
    .default('^(3|T)')
    .refine((p) => {
      try {
        new RegExp(p, 'i');
        return true;
      } catch {
        return false;
      }
    }, 'a regular expression over class names'),
  REMINDER_HOURS: z
    .string()
    .regex(/^\d{1,2}-\d{1,2}$/, 'FROM-TO in hours, e.g. 9-18')
    .refine((h) => {
      const [from, to] = h.split('-').map(Number);
      return from! < to! && to! <= 24;
    }, 'FROM before TO, at most 24')
    .default('9-18'),
  HOLIDAYS_FILE: z.string().optional(),
  JOBS_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration invalide / invalid configuration:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset, so that `KEY=` in a .env file means "use the default". */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (${JSON.stringify(cleaned[String(i.path[0])])})`));
  }
  return parsed.data;
}
