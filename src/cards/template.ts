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

export class CardTemplates {
  /** Each template's JSON, read at construction (a missing file stops the start). */
  private readonly sources = new Map<CardName, unknown>();
  private readonly templates = new Map<CardName, ACData.Template>();

  constructor(dir: string) {
    for (const name of CARD_NAMES) this.sources.set(name, JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')));
  }

  render(name: CardName, data: object): Card {
    const card = this.template(name).expand({ $root: data }) as Card;
    return readable(card) as Card;
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
