/**
 * Binds the JSON templates of `cards/` with adaptivecards-templating. Templates are read once and never
 * mutated: each render expands a fresh card from the parsed template.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { keepUnitsWithNumbers } from '../i18n/spaces.js';

export type Card = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

export const CARD_NAMES = ['welcome', 'help', 'profile', 'challenge', 'feedback', 'summary', 'confirm', 'notice', 'list', 'link-form', 'import-result', 'unlink-confirm', 'campaign-summary', 'campaign-results', 'campaign-form', 'session-form', 'session-enrol', 'session-finalise', 'intro'] as const;
export type CardName = (typeof CARD_NAMES)[number];

export class CardTemplates {
  private readonly templates = new Map<CardName, ACData.Template>();

  constructor(dir: string) {
    for (const name of CARD_NAMES) {
      this.templates.set(name, new ACData.Template(JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'))));
    }
  }

  render(name: CardName, data: object): Card {
    const card = this.templates.get(name)!.expand({ $root: data }) as Card;
    return readable(card) as Card;
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
