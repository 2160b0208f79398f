/**
 * Layer: use case and process. The synthetic SIECLE exports the tests and benchmarks use are the
 * project's own (`partix dev siecle`): they read back, with the bot's own parser, to the students
 * drawn, in the encodings real exports come in, and the same seed gives the same file.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { writeSiecleExport } from '../../src/dev/siecle-export.js';
import type { SiecleStudent } from '../../src/schools/siecle/types.js';
import { parse, withTempDir } from '../schools/siecle-helpers.js';

const run = promisify(execFile);
const everyoneCurrent = { left: 0, noDivision: 0, duplicateIne: 0 };

describe('partix dev siecle', () => {
  it('writes XML, zipped XML and CSV that the parser reads back to the same students', async () => {
    await withTempDir(async (dir) => {
      const common = { students: 400, seed: 11, shares: everyoneCurrent };
      const xml = await writeSiecleExport({ ...common, format: 'xml', out: join(dir, 'ElevesSansAdresses.xml') });
      const zip = await writeSiecleExport({ ...common, format: 'xml', zip: true, out: join(dir, 'ElevesSansAdresses.zip') });
      const csv = await writeSiecleExport({ ...common, format: 'csv', out: join(dir, 'eleves.csv') });

      const [fromXml, fromZip, fromCsv] = await Promise.all([parse(xml.path), parse(zip.path), parse(csv.path)]);

      expect([fromXml.format, fromXml.encoding]).toEqual(['xml', 'ISO-8859-15']);
      expect(fromCsv.encoding).toBe('windows-1252');
      for (const parsed of [fromXml, fromZip, fromCsv]) {
        expect(parsed.errors).toEqual([]);
        expect(parsed.skipped).toEqual([]);
        expect(parsed.students).toHaveLength(400);
      }
      expect(fromZip.students).toEqual(fromXml.students);
      // The CSV layout has no sex nor group, and names no town abroad; the rest is the same record.
      const comparable = (s: SiecleStudent) => ({ ...s, sex: null, groups: [], birthCity: s.birthCountryCode === '100' ? s.birthCity : null });
      expect(fromCsv.students.map(comparable)).toEqual(fromXml.students.map(comparable));
      expect(fromXml.students.some((s) => s.birthCountryCode !== '100')).toBe(true);
      expect(new Set(fromXml.students.map((s) => s.ine)).size).toBe(400);
      // The letters that only ISO-8859-15 and Windows-1252 have among Latin-1's neighbours survive both.
      const names = fromXml.students.map((s) => s.lastName);
      expect(names).toContain('ŒUVRARD');
      expect(names).toContain('ŸVELIN');
      expect(fromCsv.students.map((s) => s.lastName)).toContain('ŒUVRARD');
    });
  });

  it('plants students who left, without division and with duplicate INEs, which the import reports', async () => {
    await withTempDir(async (dir) => {
      const written = await writeSiecleExport({ students: 1000, seed: 5, format: 'xml', shares: { left: 0.05, noDivision: 0.05, duplicateIne: 0 }, out: join(dir, 'e.xml') });

      const parsed = await parse(written.path);

      expect(parsed.students).toHaveLength(written.current);
      expect(written.current).toBeLessThan(950);
      expect(parsed.students.length + parsed.skipped.length).toBe(1000);
      expect(new Set(parsed.skipped.map((s) => s.reason))).toEqual(new Set(['left_school', 'no_division']));
    });
  });

  it('gives the same bytes for the same seed, other bytes for another', async () => {
    await withTempDir(async (dir) => {
      const write = async (name: string, seed: number, zip: boolean) =>
        readFile((await writeSiecleExport({ students: 200, seed, format: 'xml', zip, out: join(dir, name) })).path);

      expect((await write('a.zip', 3, true)).equals(await write('b.zip', 3, true))).toBe(true);
      expect((await write('a.xml', 3, false)).equals(await write('b.xml', 3, false))).toBe(true);
      expect((await write('c.xml', 4, false)).equals(await write('a.xml', 3, false))).toBe(false);
    });
  });

  it('is the operator command, which writes the same file and refuses a zipped CSV clearly', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'cli.csv');
      const cli = ['--import', 'tsx', 'src/cli.ts', 'dev', 'siecle'];
      const { stdout } = await run(process.execPath, [...cli, '--students', '120', '--format', 'csv', '--seed', '9', '--out', out, '--json']);
      const direct = await writeSiecleExport({ students: 120, seed: 9, format: 'csv', out: join(dir, 'direct.csv') });

      expect(JSON.parse(stdout)).toMatchObject({ ok: true, path: out, students: 120, current: direct.current, encoding: 'windows-1252' });
      expect((await readFile(out)).equals(await readFile(direct.path))).toBe(true);
      const refused = await run(process.execPath, [...cli, '--format', 'csv', '--zip', '--out', join(dir, 'x.zip')]).catch((e: { code: number; stderr: string }) => e);
      expect(refused).toMatchObject({ code: 1, stderr: '--zip : seul l’export XML est livré zippé par SIECLE ; le CSV ne l’est pas.\n' });
    });
  });
});
