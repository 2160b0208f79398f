/**
 * The referent creates a session: site, room, date, time, examiners, description; within the
 * season window unless overridden, never in the past. It gets its access code.
 */
import { z } from 'zod';
import { referentOf, type CertificationDeps } from './deps.js';
import { InvalidSessionFieldsError, SessionDateError } from './errors.js';
import type { Session } from './model.js';
import { inWindow, isCalendarDay, parisDay, parisTime } from './window.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const sessionInputSchema = z.object({
  site: text(200),
  room: text(100),
  date: z.string().trim(),
  time: z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  examiners: text(300),
  description: z.string().trim().max(1000).default(''),
  openToNetwork: z.boolean().default(false),
  /** Outside the window on purpose (a session in March, say): the referent says so. */
  outsideWindow: z.boolean().default(false),
});

export type SessionInput = z.input<typeof sessionInputSchema>;

/**
 * creationKey names the request (see src/teams/creation-key.ts): a request already served (a double
 * click, a redelivery) gets the session it created, once its sender is checked a referent, and
 * nothing is written. A refused request wrote nothing, so its key stays free for the corrected one.
 */
export async function createSession({ userId, uaj, input, creationKey, deps }: { userId: string; uaj?: string; input: SessionInput; creationKey?: string | null; deps: CertificationDeps }): Promise<Session> {
  const referent = await referentOf(deps, userId, uaj);
  const already = creationKey ? await deps.sessions.byCreationKey(creationKey) : null;
  if (already) return already;
  const parsed = sessionInputSchema.safeParse(input);
  if (!parsed.success) throw new InvalidSessionFieldsError([...new Set(parsed.error.issues.map((i) => String(i.path[0])))]);
  const fields = parsed.data;
  const now = deps.clock();
  const window = deps.settings.window;
  if (!isCalendarDay(fields.date)) throw new SessionDateError('invalid', window);
  const today = parisDay(now);
  if (fields.date < today || (fields.date === today && fields.time <= parisTime(now))) throw new SessionDateError('past', window);
  if (!fields.outsideWindow && !inWindow(fields.date, window)) throw new SessionDateError('outside_window', window);
  return deps.sessions.create(
    {
      schoolId: referent.school.id,
      site: fields.site,
      room: fields.room,
      date: fields.date,
      time: fields.time,
      examiners: fields.examiners,
      description: fields.description,
      durationMinutes: deps.settings.durationMinutes,
      openToNetwork: fields.openToNetwork,
      createdBy: userId,
      creationKey: creationKey ?? null,
    },
    now,
  );
}
