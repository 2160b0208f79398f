/**
 * Layer: import job + SQLite. Every broken export fails the job at validation with its errors, and
 * the school's students are exactly as before; a good one is applied whole.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { importReportCsv } from '../../src/schools/import-report.js';
import { requestImport, runImport } from '../../src/schools/imports.js';
import { addSchool } from '../../src/schools/schools.js';
import { startTestBot, type TestBot } from '../helpers/chat.js';

const FIXTURES = 'tests/fixtures/siecle';
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
  mkdirSync(bot.app.config.UPLOAD_DIR, { recursive: true });
  await addSchool({ uaj: '0860001A', name: 'Collège', deps: bot.app.imports });
});
afterAll(async () => bot.close());

async function importFile(source: string, name = source.split('/').pop()!) {
  const copy = join(bot.app.config.UPLOAD_DIR, `${Math.random().toString(36).slice(2)}-${name}`);
  copyFileSync(source, copy);
  const { job } = await requestImport({ userId: null, uaj: '0860001A', fileName: name, filePath: copy, deps: bot.app.imports });
  return runImport({ importId: job.id, deps: bot.app.imports });
}

async function snapshot(): Promise<string> {
  const rows = await bot.app.store.db.selectFrom('students').selectAll().orderBy('ine').execute();
  return JSON.stringify(rows);
}

test.each([
  ['wrong-uaj.xml', 'wrong_uaj', []],
  ['unknown-encoding.xml', 'unknown_encoding', []],
  ['truncated.xml', 'truncated_xml', []],
  ['malformed.xml', 'malformed_xml', []],
  ['zip-no-xml.zip', 'zip_no_xml', []],
  ['zip-two-xml.zip', 'zip_several_xml', []],
  ['empty.xml', 'empty_file', []],
  ['csv-missing-column.csv', 'missing_column', []],
  ['csv-bad-date.csv', null, ['birth_date_invalid']],
  ['duplicate-ines.xml', null, ['ine_duplicate']],
  ['no-student.xml', null, ['no_student']],
  ['student-errors.xml', null, ['birth_date_missing', 'birth_date_invalid', 'sex_missing', 'birth_city_code_missing']],
  ['not-siecle.xml', 'not_siecle', []],
])('%s fails at validation, names the problem (%s %j), and changes nothing', async (name, fileError, errors) => {
  await importFile(`${FIXTURES}/ElevesSansAdresses-60.xml`);
  const before = await snapshot();
  const job = await importFile(`${FIXTURES}/${name}`);
  expect(job.state).toBe('failed');
  expect(job.failedStep).toBe('validation');
  expect({ fileError: job.report?.fileError?.code ?? null, errors: (job.report?.errors ?? []).map((e) => e.code) }).toEqual({ fileError, errors });
  expect(await snapshot()).toBe(before);
});

test('a 21 MiB file is refused whole', async () => {
  const path = join(bot.app.config.UPLOAD_DIR, 'huge.xml');
  writeFileSync(path, Buffer.alloc(21 * 1024 * 1024, 0x20));
  const before = await snapshot();
  const job = await importFile(path);
  expect(job).toMatchObject({ state: 'failed', failedStep: 'validation' });
  expect(job.report?.fileError?.message).toMatch(/20/);
  expect(await snapshot()).toBe(before);
});

test('the stored report keeps every problem in French and English, and so does the downloadable CSV', async () => {
  const job = await importFile(`${FIXTURES}/csv-bad-date.csv`);
  const stored = (await bot.app.imports.imports.find(job.id))!;

  expect(stored.report?.errors[0]).toMatchObject({
    message: "Ligne 3, colonne « Date de naissance (jj/mm/aaaa) » : « 30/02/2013 » n'est pas une date valide au format jj/mm/aaaa.",
    messageEn: 'Line 3, column “Date de naissance (jj/mm/aaaa)”: “30/02/2013” is not a valid date in the format dd/mm/yyyy (day/month/year).',
  });
  const [header, row] = importReportCsv(stored).slice(1).split('\r\n');
  expect(header).toBe('"Type";"INE";"Ligne";"Champ";"Message";"Message (English)"');
  expect(row).toBe(
    '"Erreur";"0300000003C";"3";"Date de naissance (jj/mm/aaaa)";' +
      '"Ligne 3, colonne « Date de naissance (jj/mm/aaaa) » : « 30/02/2013 » n\'est pas une date valide au format jj/mm/aaaa.";' +
      '"Line 3, column “Date de naissance (jj/mm/aaaa)”: “30/02/2013” is not a valid date in the format dd/mm/yyyy (day/month/year)."',
  );
});

test('a whole-file refusal is stored in French and English', async () => {
  const job = await importFile(`${FIXTURES}/empty.xml`);

  expect((await bot.app.imports.imports.find(job.id))?.report?.fileError).toEqual({
    code: 'empty_file',
    message: 'Le fichier déposé est vide (0 octet) : le téléchargement depuis SIECLE a sans doute échoué. Recommencez-le.',
    messageEn: 'The uploaded file is empty (0 bytes): the download from SIECLE probably failed. Download it again.',
  });
});

test('a report stored before the English texts existed still reads, its CSV with the English cells left empty', async () => {
  const job = await importFile(`${FIXTURES}/csv-bad-date.csv`);
  const legacy = {
    fileError: null,
    errors: [{ ine: '0300000003C', line: 3, field: 'Statut', code: 'status_invalid', message: 'Ligne 3, colonne « Statut » : « XX » : le statut est ST (élève) ou AP (apprenti).' }],
    skipped: [],
  };
  await bot.app.imports.imports.update(job.id, { report: JSON.stringify(legacy) }, bot.clock.now);

  const stored = (await bot.app.imports.imports.find(job.id))!;

  expect(stored.report).toEqual(legacy);
  expect(importReportCsv(stored).split('\r\n')[1]).toBe(
    '"Erreur";"0300000003C";"3";"Statut";"Ligne 3, colonne « Statut » : « XX » : le statut est ST (élève) ou AP (apprenti).";""',
  );
});

test('the three formats of the same export give the same 54 students', async () => {
  const school = (await bot.app.schools.schoolByUaj('0860001A'))!;
  for (const name of ['ElevesSansAdresses-60.xml', 'ElevesSansAdresses-60-utf8.xml', 'eleves-60.csv', 'eleves-60.zip']) {
    const job = await importFile(`${FIXTURES}/${name}`);
    expect(job.state, name).toBe('imported');
    const divisions = await bot.app.schools.students.divisions(school.id);
    expect(divisions.reduce((n, d) => n + d.students, 0), name).toBe(54);
  }
});

test('two runners on the same job: one runs it; a runner that stopped is relieved after 10 minutes', async () => {
  const copy = join(bot.app.config.UPLOAD_DIR, 'claimed.xml');
  copyFileSync(`${FIXTURES}/ElevesSansAdresses-60.xml`, copy);
  const { job } = await requestImport({ userId: null, uaj: '0860001A', fileName: 'claimed.xml', filePath: copy, deps: bot.app.imports });
  expect(await bot.app.imports.imports.claim(job.id, bot.clock.now)).toBe(true);
  expect(await bot.app.imports.imports.claim(job.id, bot.clock.now)).toBe(false);
  // The first runner died: the job is still unfinished, and after 10 minutes another takes it.
  expect((await runImport({ importId: job.id, deps: bot.app.imports })).state).toBe('validating');
  bot.clock.advanceSeconds(601);
  const [a, b] = await Promise.all([runImport({ importId: job.id, deps: bot.app.imports }), runImport({ importId: job.id, deps: bot.app.imports })]);
  expect([a.state, b.state].sort()).toEqual(['imported', 'validating']);
  expect((await bot.app.imports.imports.find(job.id))?.state).toBe('imported');
});

async function storedBytes(importId: string): Promise<number> {
  let size = 0;
  for await (const chunk of bot.app.imports.imports.fileChunks(importId)) size += chunk.length;
  return size;
}

test('the file is stored with its job, which any instance can then run, and the caller keeps its own', async () => {
  const source = join(bot.app.config.UPLOAD_DIR, 'kept.xml');
  copyFileSync(`${FIXTURES}/ElevesSansAdresses-60.xml`, source);
  const { job } = await requestImport({ userId: null, uaj: '0860001A', fileName: 'kept.xml', filePath: source, deps: bot.app.imports });
  expect(await storedBytes(job.id)).toBe(readFileSync(`${FIXTURES}/ElevesSansAdresses-60.xml`).length);
  // The operator's file (partix import siecle) is never touched; the chat deletes its download itself.
  expect(existsSync(source)).toBe(true);
  await runImport({ importId: job.id, deps: bot.app.imports });
  expect(await storedBytes(job.id)).toBe(0);

  await expect(requestImport({ userId: null, uaj: '9999999Z', fileName: 'kept.xml', filePath: source, deps: bot.app.imports })).rejects.toThrow(/unknown school/);
});

test('a file over 1 MiB is stored in 1 MiB chunks and read back byte for byte', async () => {
  const big = join(bot.app.config.UPLOAD_DIR, 'big.csv');
  const bytes = Buffer.alloc(Math.round(2.5 * 1024 * 1024), 'abcdefgh;\r\n');
  writeFileSync(big, bytes);
  const { job } = await requestImport({ userId: null, uaj: '0860001A', fileName: 'big.csv', filePath: big, deps: bot.app.imports });
  const chunks: Uint8Array[] = [];
  for await (const chunk of bot.app.imports.imports.fileChunks(job.id)) chunks.push(chunk);
  expect(chunks.map((c) => c.length)).toEqual([1024 * 1024, 1024 * 1024, bytes.length - 2 * 1024 * 1024]);
  expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  // Not an export: refused at validation, and nothing of it kept.
  expect((await runImport({ importId: job.id, deps: bot.app.imports })).state).toBe('failed');
  expect(await storedBytes(job.id)).toBe(0);
});
