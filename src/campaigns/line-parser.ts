/**
 * The one-line way to create a campaign, in French or English:
 *   campagne "Bilan 4e" 1.1 2.1 3.1 4.1 5.1 classes 4A 4B
 *   campaign "SNT check" snt classes 2A until 2026-06-30 multiple
 * Words: competence codes (1.1, or 1.1:3 for up to level 3), a ready-made target (socle, snt),
 * `niveau N` / `level N` (every competence up to level N), `collecte` / `collection` (profile
 * collection), `classes …` (the classes, until the next keyword), `jusqu'au DATE` / `until DATE`
 * (JJ/MM/AAAA or YYYY-MM-DD), `multiple` (several sendings), `titre "…"` / `title "…"`.
 * This only reads the line; the create use case checks codes, classes and bounds.
 */
import { CampaignLineError } from './errors.js';
import type { CampaignType } from './model.js';
import { readyMadeTarget } from './targets.js';

export interface CampaignLine {
  name: string;
  type: CampaignType;
  targetName: string | null;
  competences: Array<{ id: string; level: number | null }>;
  level: number | null;
  divisions: string[];
  deadline: string | null;
  multipleSendings: boolean;
  title: string | null;
}

const PREFIX = /^\s*(?:nouvelle\s+campagne|new\s+campaign|campagne|campaign)\b/i;
const COMPETENCE = /^(\d\.\d)(?::(\d))?$/;
const QUOTES: Record<string, string> = { '"': '"', '“': '”', '«': '»' };
const KEYWORDS = {
  divisions: ['classe', 'classes', 'class', 'division', 'divisions'],
  deadline: ["jusqu'au", 'jusqu’au', 'avant', 'échéance', 'until', 'by', 'deadline'],
  level: ['niveau', 'level'],
  collection: ['collecte', 'profils', 'collection', 'profiles'],
  multiple: ['multiple', 'multiples', 'envois-multiples', 'multi'],
  title: ['titre', 'title'],
};
type Keyword = keyof typeof KEYWORDS;

interface Token {
  text: string;
  quoted: boolean;
}

export function isCampaignLine(text: string): boolean {
  return PREFIX.test(text);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const close = QUOTES[ch];
    if (close) {
      const end = text.indexOf(close, i + 1);
      if (end < 0) throw new CampaignLineError('unclosed_quote');
      tokens.push({ text: text.slice(i + 1, end).trim(), quoted: true });
      i = end + 1;
      continue;
    }
    let end = i;
    while (end < text.length && !/\s/.test(text[end]!)) end++;
    tokens.push({ text: text.slice(i, end), quoted: false });
    i = end;
  }
  return tokens;
}

function keywordOf(token: Token): Keyword | null {
  if (token.quoted) return null;
  const w = token.text.toLowerCase();
  for (const [k, words] of Object.entries(KEYWORDS)) if (words.includes(w)) return k as Keyword;
  return null;
}

const isItem = (t: Token) => !t.quoted && (keywordOf(t) !== null || COMPETENCE.test(t.text) || readyMadeTarget(t.text) !== null);

/** JJ/MM/AAAA or YYYY-MM-DD, a day that exists, as YYYY-MM-DD. */
export function parseDay(text: string): string | null {
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [y, m, d] = fr ? [Number(fr[3]), Number(fr[2]), Number(fr[1])] : iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [0, 0, 0];
  if (!y) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

function level(text: string | undefined): number {
  const n = Number(text);
  if (!text || !Number.isInteger(n) || n < 1 || n > 8) throw new CampaignLineError('bad_level', text ?? null);
  return n;
}

export function parseCampaignLine(text: string): CampaignLine {
  const prefix = PREFIX.exec(text);
  const tokens = tokenize(prefix ? text.slice(prefix[0].length) : text);
  const line: CampaignLine = { name: '', type: 'assessment', targetName: null, competences: [], level: null, divisions: [], deadline: null, multipleSendings: false, title: null };
  let i = 0;
  const nameWords: string[] = [];
  if (tokens[0]?.quoted) nameWords.push(tokens[i++]!.text);
  else while (i < tokens.length && !isItem(tokens[i]!)) nameWords.push(tokens[i++]!.text);
  line.name = nameWords.join(' ').trim();
  if (!line.name) throw new CampaignLineError('no_name');
  while (i < tokens.length) {
    const token = tokens[i++]!;
    const keyword = keywordOf(token);
    const competence = token.quoted ? null : COMPETENCE.exec(token.text);
    if (competence) {
      line.competences.push({ id: competence[1]!, level: competence[2] ? level(competence[2]) : null });
    } else if (keyword === 'divisions') {
      while (i < tokens.length && !isItem(tokens[i]!)) line.divisions.push(tokens[i++]!.text);
    } else if (keyword === 'deadline') {
      const day = tokens[i]?.text;
      if (!day) throw new CampaignLineError('no_date');
      line.deadline = parseDay(day);
      if (!line.deadline) throw new CampaignLineError('bad_date', day);
      i++;
    } else if (keyword === 'level') {
      line.level = level(tokens[i++]?.text);
    } else if (keyword === 'collection') {
      line.type = 'profile_collection';
    } else if (keyword === 'multiple') {
      line.multipleSendings = true;
    } else if (keyword === 'title' && tokens[i]) {
      line.title = tokens[i++]!.text;
    } else if (!token.quoted && readyMadeTarget(token.text)) {
      line.targetName = readyMadeTarget(token.text)!.name;
    } else {
      throw new CampaignLineError('unknown_word', token.text);
    }
  }
  return line;
}
