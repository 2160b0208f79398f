/**
 * Binds the JSON templates of `cards/` with adaptivecards-templating. Templates are read once and never
 * mutated: each render expands a fresh card from the parsed template.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as ACData from 'adaptivecards-templating';
import { keepUnitsWithNumbers } from '../i18n/spaces.js';

export type Card = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

export const CARD_NAMES = ['welcome', 'help', 'profile', 'challenge', 'feedback', 'summary', 'confirm', 'notice', 'list', 'link-form', 'import-result', 'unlink-confirm', 'campaign-summary', 'campaign-results', 'campaign-form', 'session-form', 'session-enrol', 'session-finalise', 'intro'] as const;
export type CardName = (typeof CARD_NAMES)[number];

/**
 * The templating library (with adaptive-expressions and antlr4ts, about a quarter of a second of CPU)
 * loads with the first card, or when the started bot warms it after listening: a start does without it.
 */
const load = createRequire(import.meta.url);
let templating: typeof ACData | undefined;
const library = () => (templating ??= load('adaptivecards-templating') as typeof ACData);

/** At most this many expanded cards are kept (renderKept): a bank's questions and corrections in two languages. */
export const MAX_KEPT_CARDS = 2000;

/** Marks a value's place in a kept card; the nonce keeps a text that looks like one from being taken for one. */
const NONCE = Math.random().toString(36).slice(2, 10);
const TOKEN = new RegExp(`\u0000${NONCE}:(\\d+)\u0000`, 'g');

/**
 * The values of a card that change from one render to the next (a test's id, the counter, the
 * student's answer), each replaced by a token in the data, so that the card expanded once serves
 * every render. A value must be used by the template as a whole text (`${name}`) or tested for
 * emptiness (`${name != ''}`): an empty value stays itself, part of what is kept.
 */
export class Varying {
  readonly values: string[] = [];
  /** Which values were empty, in order: part of what is kept. */
  private empties = '';

  get shape(): string {
    return this.empties;
  }

  of(value: string): string {
    this.empties += value === '' ? '0' : '1';
    if (value === '') return '';
    this.values.push(value);
    return `\u0000${NONCE}:${this.values.length - 1}\u0000`;
  }

  /** The data with each token replaced by its value: what render() would have been given. */
  resolve<T>(data: T): T {
    return JSON.parse(JSON.stringify(data), (_key, value: unknown) => (typeof value === 'string' ? value.replace(TOKEN, (token, n: string) => this.values[Number(n)] ?? token) : value)) as T;
  }
}

export class CardTemplates {
  /** Each template's JSON, read at construction (a missing file stops the start). */
  private readonly sources = new Map<CardName, unknown>();
  private readonly templates = new Map<CardName, ACData.Template>();
  /** Cards expanded with their varying values as tokens, by template, key and which values were empty. */
  private readonly kept = new Map<string, Card>();

  /** keep: false expands every card anew (renderKept as render), to compare with. */
  constructor(
    dir: string,
    private readonly options: { keep?: boolean } = {},
  ) {
    for (const name of CARD_NAMES) this.sources.set(name, JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')));
  }

  render(name: CardName, data: object): Card {
    const card = this.template(name).expand({ $root: data }) as Card;
    return readable(card) as Card;
  }

  /**
   * The same card as render(), expanded once for the data with its varying values as tokens (a
   * question or its correction is the same card for every student but its ids, counter and
   * answer), then copied with the values in their places. `key`
   * names everything the data holds besides the varying values (the challenge, the language, the
   * verdict…): the data is built only when no card is kept for it.
   */
  renderKept(name: CardName, key: string, varying: Varying, data: () => object): Card {
    if (this.options.keep === false) return this.render(name, varying.resolve(data()));
    const kept = `${name}\u0001${key}\u0001${varying.shape}`;
    let card = this.kept.get(kept);
    if (!card) {
      card = this.render(name, data());
      markTokens(card);
      if (this.kept.size >= MAX_KEPT_CARDS) this.kept.delete(this.kept.keys().next().value!);
      this.kept.set(kept, card);
    }
    return filled(card, varying.values, true) as Card;
  }

  /** Loads the library and binds every template now, so that the first card pays nothing. */
  warm(): void {
    for (const name of CARD_NAMES) this.template(name);
  }

  private template(name: CardName): ACData.Template {
    let template = this.templates.get(name);
    if (!template) this.templates.set(name, (template = new (library().Template)(this.sources.get(name))));
    return template;
  }
}

/** Keys whose strings are not read by the user: what a button sends back, ids, links, types. */
const NOT_READ = new Set(['data', 'verb', 'id', 'url', '$schema', 'type', 'style', 'color']);

/** Every string the user reads, with numbers and their units kept on one line. */
function readable(node: unknown): unknown {
  if (typeof node === 'string') return keepUnitsWithNumbers(node);
  if (Array.isArray(node)) return node.map(readable);
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, NOT_READ.has(k) ? v : readable(v)]));
  }
  return node;
}

/** The arrays and objects of kept cards that hold a token somewhere below; the others are frozen and shared by every copy. */
const holdsToken = new WeakSet<object>();

/** Marks what holds a token and freezes the rest: a copy changes no other, and a change to a shared part throws. */
function markTokens(node: unknown): boolean {
  if (typeof node === 'string') return node.includes('\u0000');
  if (!node || typeof node !== 'object') return false;
  let holds = false;
  for (const child of Object.values(node)) if (markTokens(child)) holds = true;
  if (holds) holdsToken.add(node);
  else Object.freeze(node);
  return holds;
}

/** A copy of a kept card with each token replaced by its value, made readable where the user reads it; what holds no token is shared. */
function filled(node: unknown, values: readonly string[], read: boolean): unknown {
  if (typeof node === 'string') {
    if (!node.includes('\u0000')) return node;
    const text = node.replace(TOKEN, (token, n: string) => values[Number(n)] ?? token);
    return read ? keepUnitsWithNumbers(text) : text;
  }
  if (!node || typeof node !== 'object' || !holdsToken.has(node)) return node;
  if (Array.isArray(node)) return node.map((item) => filled(item, values, read));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(node)) copy[key] = filled((node as Record<string, unknown>)[key], values, read && !NOT_READ.has(key));
  return copy;
}

/** A button that works in every Teams client: Action.Execute, and Action.Submit where Execute is unknown. */
export interface CardAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: Record<string, unknown>;
  style?: 'positive' | 'destructive';
  fallback: { type: 'Action.Submit'; title: string; data: Record<string, unknown>; style?: 'positive' | 'destructive' };
}

export function action(title: string, verb: string, args: Record<string, unknown> = {}, style?: 'positive' | 'destructive'): CardAction {
  const data = { verb, ...args };
  return {
    type: 'Action.Execute',
    title,
    verb,
    data,
    ...(style ? { style } : {}),
    fallback: { type: 'Action.Submit', title, data, ...(style ? { style } : {}) },
  };
}
