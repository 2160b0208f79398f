/**
 * The envelope an activity must have before botbuilder or the store sees it: who sent it, in which
 * conversation, and where to answer. Anything else is a 400, never a turn that fails half-way.
 */
import type { Activity } from 'botbuilder';
import { z } from 'zod';

const id = z.string().min(1).max(1024);
const text = (max: number) => z.string().max(max).nullish();

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const envelope = z
  .object({
    type: z.string().min(1).max(64),
    id: text(1024),
    serviceUrl: z.string().max(2048).refine(isHttpUrl, 'an http(s) URL'),
    channelId: z.string().min(1).max(64).nullish(),
    from: z.object({ id, name: text(512), aadObjectId: text(256) }).passthrough(),
    conversation: z.object({ id, conversationType: text(64), tenantId: text(256) }).passthrough(),
    recipient: z.object({ id: z.string().max(1024) }).passthrough().nullish(),
    locale: text(64),
    text: z.string().nullish(),
    name: text(256),
    replyToId: text(1024),
    attachments: z.array(z.object({}).passthrough()).nullish(),
    entities: z.array(z.object({}).passthrough()).nullish(),
    membersAdded: z.array(z.object({ id: z.string().max(1024) }).passthrough()).nullish(),
    channelData: z.object({}).passthrough().nullish(),
  })
  .passthrough();

export type ActivityParse = { ok: true; activity: Activity } | { ok: false; reason: string };

/** What botbuilder's own reader does after parsing: dates arrive as strings. */
function withDates(activity: Record<string, unknown>): Record<string, unknown> {
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity;
}

export function parseActivity({ body }: { body: Record<string, unknown> }): ActivityParse {
  const parsed = envelope.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') || 'activity'}: ${issue?.message ?? 'invalid'}`.slice(0, 200) };
  }
  return { ok: true, activity: withDates(parsed.data) as unknown as Activity };
}
