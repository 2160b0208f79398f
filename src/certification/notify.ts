/** Messages of the certification season go through the outbox, each once (its key), in its reader's language. */
import { langOf, type Lang } from '../i18n/lang.js';
import { certificationMessages, type CertificationMessages } from '../i18n/certification-messages.js';
import type { CertificationDeps } from './deps.js';

export async function notifyUsers(
  deps: Pick<CertificationDeps, 'sessions' | 'outbox' | 'wakeOutbox' | 'clock'>,
  args: { userIds: string[]; kind: string; key: (userId: string) => string; text: (t: CertificationMessages, lang: Lang) => string },
): Promise<number> {
  const locales = await deps.sessions.locales(args.userIds);
  let sent = 0;
  for (const userId of args.userIds) {
    const lang = langOf(locales.get(userId));
    const fresh = await deps.outbox.enqueue({ idempotencyKey: args.key(userId), userId, kind: args.kind, payload: { text: args.text(certificationMessages(lang), lang) }, now: deps.clock() });
    if (fresh) sent++;
  }
  if (sent > 0) deps.wakeOutbox();
  return sent;
}
