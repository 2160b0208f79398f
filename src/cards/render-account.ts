/** Cards of everyone's own account: the staff welcome and help, the language choice. */
import type { Membership } from '../schools/model.js';
import type { Lang } from '../i18n/lang.js';
import type { RenderContext } from './render.js';
import { action, type Card, type CardAction } from './template.js';

/** What a member of staff may open from their welcome and help: the referent has more. */
export function staffActions(ctx: RenderContext, membership: Membership): CardAction[] {
  const a = ctx.t.account;
  const uaj = membership.school.uaj;
  const actions = [action(a.actionClasses, 'classes', { uaj })];
  if (membership.role === 'referent') actions.push(action(a.actionInvite, 'invite', { uaj }), action(a.actionRights, 'rights', { uaj }), action(a.actionImports, 'imports', { uaj }));
  return actions;
}

export function renderStaffWelcome(ctx: RenderContext, membership: Membership): Card {
  const a = ctx.t.account;
  const school = membership.school.name;
  return ctx.cards.render('welcome', {
    title: a.staffWelcomeTitle,
    intro: membership.role === 'referent' ? a.staffWelcomeReferent(school) : a.staffWelcomeTeacher(school),
    how: a.staffWelcomeHow,
    next: a.staffWelcomeNext,
    actions: [...staffActions(ctx, membership), action(ctx.t.actionHelp, 'help')],
  });
}

export function renderStaffHelp(ctx: RenderContext, membership: Membership, staffLines: string[], ownTestLines: string[]): Card {
  const a = ctx.t.account;
  return ctx.cards.render('help', {
    title: ctx.t.helpTitle,
    intro: a.staffHelpIntro,
    commands: [...staffLines, a.staffHelpOwnTests, ...ownTestLines],
    actions: staffActions(ctx, membership),
  });
}

export function renderLanguageChoice(ctx: RenderContext): Card {
  const a = ctx.t.account;
  const choice = (lang: Lang, title: string) => action(title, 'language', { language: lang }, ctx.lang === lang ? 'positive' : undefined);
  return ctx.cards.render('notice', { text: `**${a.languageTitle}**\n\n${a.languageNow}`, actions: [choice('fr', 'Français'), choice('en', 'English')] });
}
