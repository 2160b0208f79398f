/**
 * Conversations as tables: each row is what the user says or clicks, and what the bot's reply must
 * (and must not) contain. A click acts on the latest card that carries the button, as a user would.
 */
import { expect } from 'vitest';
import type { Challenge } from '../../src/framework/model.js';
import { inputsFor, type Answer } from './answers.js';

export { inputsFor, type Answer };
import { actionNamed, asRead, cardActions, cardText, type BotReply, type CardJson, type Student, type TestBot } from './chat.js';


export type UserStep =
  | string
  | { click: string; competenceId?: string; via?: 'execute' | 'submit'; answer?: Answer }
  | { advanceDays: number };

/** The verbs of a question card's answer button: a competence test's, a campaign test's. */
const ANSWER_VERBS = ['answer', 'campaignAnswer'] as const;
type AnswerVerb = (typeof ANSWER_VERBS)[number];

export type Expectation = Array<RegExp | { not: RegExp }>;

export type Row = [UserStep, Expectation];

/** Everything the user sees after a step: plain texts, new cards, replaced cards, invoke answer. */
export function replyText(reply: BotReply): string {
  const invoke = reply.invoke ? (typeof reply.invoke.value === 'string' ? asRead(reply.invoke.value) : cardText(reply.invoke.value as CardJson)) : '';
  return [...reply.texts, ...reply.cards.map((c) => cardText(c.card)), ...reply.updated.map((c) => cardText(c.card)), invoke].join('\n');
}

export class Conversation {
  /** Cards shown so far, newest last, with the id of the message that carries each. */
  readonly cards: Array<{ id: string; card: CardJson }> = [];
  last!: BotReply;

  constructor(
    readonly bot: TestBot,
    readonly student: Student,
  ) {}

  private remember(reply: BotReply) {
    this.last = reply;
    for (const u of reply.updated) {
      const i = this.cards.findIndex((c) => c.id === u.id);
      if (i >= 0) this.cards[i] = u;
    }
    this.cards.push(...reply.cards);
    return reply;
  }

  /** Cards the bot sent on its own (the outbox, e.g. a pushed campaign), as the user now sees them. */
  receive(): BotReply {
    const { sent } = this.bot.connector.drain(`a:conv-${this.student.teamsId}`);
    const cards = sent.flatMap((a) => (a.attachments ?? []).filter((x) => x.contentType === 'application/vnd.microsoft.card.adaptive').map((x) => ({ id: a.id, card: x.content })));
    return this.remember({ status: 200, texts: sent.flatMap((a) => (a.text ? [a.text] : [])), cards, updated: [] });
  }

  /** The newest card that carries a button with this verb. */
  cardWith(verb: string, competenceId?: string): { id: string; card: CardJson } {
    for (let i = this.cards.length - 1; i >= 0; i--) {
      const c = this.cards[i]!;
      if (cardActions(c.card).some((a) => a.verb === verb && (!competenceId || a.data.competenceId === competenceId))) return c;
    }
    throw new Error(`no card shows a "${verb}" button ${competenceId ?? ''}`);
  }

  /** The challenge of the newest question card (a competence test's, or with `campaignAnswer` a campaign's). */
  pendingChallenge(verb: AnswerVerb = 'answer'): Challenge {
    const id = actionNamed(this.cardWith(verb).card, verb).data.challengeId as string;
    return this.bot.app.framework.challenges.get(id)!;
  }

  async step(step: UserStep): Promise<BotReply> {
    if (typeof step === 'string') return this.remember(await this.student.say(step));
    if ('advanceDays' in step) {
      this.bot.clock.advanceDays(step.advanceDays);
      return this.remember({ status: 200, texts: [], cards: [], updated: [] });
    }
    const { id, card } = this.cardWith(step.click, step.competenceId);
    const action = actionNamed(card, step.click, step.competenceId);
    const challenge = ANSWER_VERBS.includes(step.click as AnswerVerb) ? this.bot.app.framework.challenges.get(action.data.challengeId as string)! : undefined;
    const inputs = challenge ? inputsFor(challenge, step.answer ?? 'right') : {};
    const reply =
      step.via === 'submit' ? await this.student.submit(id, action.data, inputs) : await this.student.execute(action.data, inputs);
    // Action.Execute answers with the card that replaces the one clicked.
    if (reply.invoke && reply.invoke.type === 'application/vnd.microsoft.card.adaptive') {
      const i = this.cards.findIndex((c) => c.id === id);
      if (i >= 0) this.cards[i] = { id, card: reply.invoke.value as CardJson };
    }
    return this.remember(reply);
  }

  /** Plays the table, checking every row's reply. */
  async play(rows: Row[]): Promise<void> {
    for (const [i, [step, expectations]] of rows.entries()) {
      const reply = await this.step(step);
      const text = replyText(reply);
      expect(reply.status, `row ${i + 1}: HTTP status`).toBeLessThan(300);
      for (const e of expectations) {
        if (e instanceof RegExp) expect(text, `row ${i + 1} (${JSON.stringify(step)}) should show ${e}`).toMatch(e);
        else expect(text, `row ${i + 1} (${JSON.stringify(step)}) should not show ${e.not}`).not.toMatch(e.not);
      }
    }
  }

  /** Answers every question until the test ends; returns how many were asked. */
  async answerUntilDone(answer: (challenge: Challenge, n: number) => Answer, max = 200, verb: AnswerVerb = 'answer'): Promise<number> {
    for (let n = 0; n < max; n++) {
      const challenge = this.pendingChallenge(verb);
      const reply = await this.step({ click: verb, answer: answer(challenge, n) });
      if (!reply.cards.some((c) => cardActions(c.card).some((a) => a.verb === verb))) return n + 1;
    }
    throw new Error('the test did not end');
  }
}
