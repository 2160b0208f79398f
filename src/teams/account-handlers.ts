/**
 * The handlers of everyone's own account: the welcome and the help, which differ for students and
 * staff (a student never reads a staff command), and the language a user chooses.
 */
import type { AssessmentDeps } from '../assessment/deps.js';
import { getProfile } from '../assessment/profile.js';
import { renderLanguageChoice, renderStaffHelp, renderStaffWelcome } from '../cards/render-account.js';
import { renderHelp, renderNotice, renderWelcome } from '../cards/render.js';
import { DomainError } from '../domain-error.js';
import { isLang } from '../i18n/lang.js';
import { messages } from '../i18n/messages.js';
import type { Membership } from '../schools/model.js';
import type { UserRepository } from '../users/users.js';
import type { AccountVerb } from './account-commands.js';
import type { Role } from './commands.js';
import type { EdgeTools, Handler } from './turn.js';

export interface AccountDeps {
  users: UserRepository;
  assessment: AssessmentDeps;
  /** The user's staff memberships (none: a student). */
  memberships: (userId: string) => Promise<Membership[]>;
  clock: () => Date;
}

export class UnknownLanguageError extends DomainError {
  constructor(readonly word: string) {
    super(`unknown language ${word}`);
  }
}

/** The membership that decides the cards: a referent's first, else a teacher's; none for a student. */
export async function staffOf(deps: AccountDeps, userId: string): Promise<{ role: Role; membership: Membership | null }> {
  const all = await deps.memberships(userId);
  const membership = all.find((m) => m.role === 'referent') ?? all[0] ?? null;
  return { role: membership ? (membership.role === 'referent' ? 'referent' : 'teacher') : 'student', membership };
}

export function accountHandlers(deps: AccountDeps, edge: EdgeTools) {
  return {
    async welcome(turn) {
      const { membership } = await staffOf(deps, turn.user.id);
      if (membership) return { messages: [{ card: renderStaffWelcome(turn.render, membership) }] };
      const profile = await getProfile({ userId: turn.user.id, deps: deps.assessment });
      return { messages: [{ card: renderWelcome(turn.render, profile.suggestion) }] };
    },
    async help(turn) {
      const { role, membership } = await staffOf(deps, turn.user.id);
      const t = turn.render.t;
      if (!membership) return { messages: [{ card: renderHelp(turn.render, edge.helpLines(t, 'student')) }] };
      const staff = edge.helpLines(t, role);
      const own = edge.helpLines(t, 'student').filter((line) => !staff.includes(line));
      return { messages: [{ card: renderStaffHelp(turn.render, membership, staff, own) }] };
    },
    async language(turn) {
      const asked = turn.payload.language?.trim();
      if (!asked) return { messages: [{ card: renderLanguageChoice(turn.render) }] };
      if (!isLang(asked)) throw new UnknownLanguageError(asked);
      await deps.users.setLanguage(turn.user.id, asked, deps.clock());
      // Said in the language just chosen.
      const render = { ...turn.render, lang: asked, t: messages(asked), locale: null };
      return { messages: [{ card: renderNotice(render, render.t.account.languageSet, []) }] };
    },
  } satisfies Record<AccountVerb, Handler>;
}
