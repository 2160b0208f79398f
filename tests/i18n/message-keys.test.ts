/**
 * Every sentence of the message tables is shown somewhere: a key that no file of `src/` reads is
 * dead text that translators would keep up to date for nothing. A key counts as read when some
 * source outside the tables (or a card template of `cards/`, `${labels.key}`) has `.key`, or indexes its parent table (`errLink[reason]`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { messages } from '../../src/i18n/messages.js';

const SRC = new URL('../../src/', import.meta.url).pathname;
const CARDS = new URL('../../cards/', import.meta.url).pathname;
const TABLES = ['i18n/messages.ts', 'i18n/school-messages.ts', 'i18n/campaign-messages.ts', 'i18n/certification-messages.ts'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function keyPaths(table: object, prefix: string[] = []): string[][] {
  return Object.entries(table).flatMap(([key, value]) => {
    const path = [...prefix, key];
    return value && typeof value === 'object' && !Array.isArray(value) ? [path, ...keyPaths(value, path)] : [path];
  });
}

function unusedMessageKeys(): string[] {
  const code = sources(SRC)
    .filter((file) => !TABLES.some((table) => file.endsWith(table)))
    .concat(readdirSync(CARDS).filter((name) => name.endsWith('.json')).map((name) => join(CARDS, name)))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  const read = (key: string) => new RegExp(`\\.${key}\\b`).test(code);
  const indexed = (key: string) => new RegExp(`\\.${key}\\[`).test(code);
  return keyPaths(messages('fr'))
    .filter((path) => !(read(path.at(-1)!) || (path.length > 1 && indexed(path.at(-2)!))))
    .map((path) => path.join('.'));
}

it('reads every key of the message tables somewhere in src/', () => {
  expect(unusedMessageKeys()).toEqual([]);
});
