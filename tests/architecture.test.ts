/**
 * The layout's rules, read from the sources themselves: no import cycle between files of `src/`,
 * botbuilder only behind the chat edge, the simulator outside the bot, domain errors as such.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCycles, reachableFrom, readImports } from './helpers/import-graph.js';

const root = new URL('..', import.meta.url).pathname;
const sources = readImports(root, 'src');
const graph = new Map(sources.map((f) => [f.path, f.local]));

const isBotFramework = (specifier: string) => /^(botbuilder|botframework-)/.test(specifier);
const inSimulation = (path: string) => path.startsWith('src/simulation/');

describe('the import graph of src/', () => {
  it('reads the sources it is about', () => {
    expect(sources.length).toBeGreaterThan(100);
    // A multi-line import and a type-only one are both edges.
    expect(graph.get('src/teams/assessment-handlers.ts')).toEqual(expect.arrayContaining(['src/assessment/start-competence.ts', 'src/cards/render.ts']));
  });

  it('has no import cycle between files', () => {
    const cycles = importCycles(graph);
    expect(cycles.map((c) => c.cycle.join(' → ')), 'import cycles (break one import of each)').toEqual([]);
  });

  it('lets only src/teams/ import botbuilder', () => {
    const outside = sources.filter((f) => !f.path.startsWith('src/teams/') && f.packages.some(isBotFramework)).map((f) => f.path);
    expect(outside).toEqual([]);
    expect(sources.some((f) => f.packages.some(isBotFramework))).toBe(true);
  });

  it('keeps the simulator out of the bot: only the CLI and the simulator itself import src/simulation/', () => {
    const importers = sources.filter((f) => !inSimulation(f.path) && f.local.some(inSimulation)).map((f) => f.path);
    expect(importers).toEqual(['src/cli.ts']);
    const bot = reachableFrom('src/index.ts', graph);
    expect(bot.has('src/app.ts')).toBe(true);
    expect([...bot].filter(inSimulation)).toEqual([]);
  });
});

/**
 * Errors that are no use case's outcome, so not a DomainError: a bad setting or content file stops
 * the start, the manifest is an operator's build step, and the last two are the HTTP edge's own.
 */
// Not a use case's outcome: a wrong setting or job list at start, a store or budget fault the caller retries or logs.
const NOT_DOMAIN_ERRORS = ['DomainError', 'ConfigError', 'ContentError', 'ManifestError', 'SigningKeysUnavailable', 'Deadline', 'InvalidScheduleError', 'BudgetContentionError', 'StoredRowError'];

describe('errors', () => {
  it('extend DomainError (directly or not) when they are a use case’s outcome', () => {
    const direct = sources.flatMap((f) => [...readFileSync(`${root}${f.path}`, 'utf8').matchAll(/class (\w+) extends Error\b/g)].map((m) => m[1]!));
    expect(direct).toContain('DomainError');
    expect(direct.filter((name) => !NOT_DOMAIN_ERRORS.includes(name))).toEqual([]);
  });
});

describe('importCycles', () => {
  it('finds each group of files that import one another, with a cycle through it', () => {
    const g = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'x.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['d.ts']],
      ['e.ts', ['a.ts']],
    ]);
    expect(importCycles(g)).toEqual([
      { files: ['a.ts', 'b.ts', 'c.ts'], cycle: ['a.ts', 'b.ts', 'c.ts', 'a.ts'] },
      { files: ['d.ts'], cycle: ['d.ts', 'd.ts'] },
    ]);
    expect(importCycles(new Map([['a.ts', ['b.ts']], ['b.ts', []]]))).toEqual([]);
  });
});
