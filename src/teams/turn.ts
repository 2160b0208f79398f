/**
 * The shared types of the chat edge: what a handler is given (a Turn) and what it returns (a Reply
 * that the edge delivers). A Turn carries what the activity said, never a feature's dependencies:
 * each feature builds its handler table from its own (see router.ts).
 */
import type { Card } from '../cards/template.js';
import type { RenderContext } from '../cards/render.js';
import type { Messages } from '../i18n/messages.js';
import type { User } from '../users/users.js';
import type { CardPayload, CommandSpec, Role } from './commands.js';

export type { CardPayload, CommandSpec };

export interface OutgoingMessage {
  card?: Card;
  text?: string;
  /** Set on a challenge card: its message id is kept to update the card in place later. */
  pending?: { assessmentId: string; challengeId: string };
}

export interface Reply {
  /** Replaces the card the user acted on (the answered question becomes its correction). */
  update?: Card;
  /**
   * In a group chat or a channel the card acted on is everyone's: Action.Execute's answer (the
   * update) shows to the clicker alone, but a click that came as a message (Action.Submit) would
   * change it for all, so this text is sent instead of the update there.
   */
  sharedText?: string;
  /** Replaces the pending challenge card of the test when the user typed instead of clicking. */
  updatePending?: { activityId: string; card: Card };
  messages: OutgoingMessage[];
}

export interface Mention {
  teamsUserId: string;
  name: string | null;
}

export interface Turn {
  user: User;
  render: RenderContext;
  payload: CardPayload;
  /** The activity's id: Teams redelivers an activity with the same one. */
  activityId: string | null;
  /**
   * The message a card action came from (the card's own message id, the same for every click on
   * that card and after the card is replaced in place); null for typed text.
   */
  replyToId: string | null;
  /** What the activity tells beyond the payload: the user's tenant, people mentioned. */
  activity: { tenantId: string | null; mentions: Mention[] };
  /**
   * In a group chat or a channel: opens the sender's personal chat with Partix where Teams allows
   * it, keeping its reference (open-chat.ts); false when Teams refuses. Absent in a personal chat.
   */
  openPersonalChat?: () => Promise<boolean>;
}

export type Handler = (turn: Turn) => Promise<Reply>;

/** A file sent in chat, as Teams describes it; downloadUrl is null when it is no Teams file. */
export interface SentFile {
  contentType: string;
  name: string;
  downloadUrl: string | null;
}

export type FileHandler = (turn: Turn, file: SentFile) => Promise<Reply>;

/** What the edge gives every feature's handlers besides their own deps. */
export interface EdgeTools {
  /** The help card's lines for a role, read from every feature's verb table. */
  helpLines: (t: Messages, role: Role) => string[];
}

/**
 * A feature of the chat: its verb table and its handler table, built from the feature's own deps.
 * The handler table must have one handler per verb of the table, or it does not compile.
 */
export interface Feature<V extends string, D> {
  commands: Record<V, CommandSpec>;
  handlers: (deps: D, edge: EdgeTools) => Record<V, Handler>;
  /** The feature that takes files sent in chat (one at most). */
  file?: (deps: D) => FileHandler;
}
