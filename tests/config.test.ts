/** Layer: configuration. Every key the schema knows is documented in .env.example, and the example parses. */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { configSchema, parseConfig } from '../src/config.js';

const example = readFileSync('.env.example', 'utf8');
const documented = Object.fromEntries(
  example
    .split('\n')
    .filter((line) => /^[A-Za-z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);

test('every setting is documented in .env.example, and nothing else is', () => {
  expect(Object.keys(documented).sort()).toEqual(Object.keys(configSchema.shape).sort());
});

test('the example, as shipped, is a valid configuration', () => {
  expect(() => parseConfig(documented)).not.toThrow();
});

test('the PostgreSQL pool size is a setting: 10 by default, a wrong value names the key', () => {
  expect(parseConfig({}).DATABASE_POOL_SIZE).toBe(10);
  expect(parseConfig({ DATABASE_POOL_SIZE: '25' }).DATABASE_POOL_SIZE).toBe(25);
  for (const wrong of ['0', '2.5', 'many', '1000']) expect(() => parseConfig({ DATABASE_POOL_SIZE: wrong })).toThrow(/DATABASE_POOL_SIZE/);
});
