/** Layer: process. The operators' command and the start-up refuse bad content and bad settings clearly. */
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { buildTestContent } from '../helpers/content-builder.js';
import { runPartix } from '../helpers/partix.js';

const run = promisify(execFile);

const partix = runPartix;

test('content check accepts a valid bank and says what it holds, in text and JSON', async () => {
  const dir = buildTestContent();
  const text = await partix(['content', 'check', '--dir', dir]);
  expect(text.code).toBe(0);
  expect(text.stdout).toMatch(/Contenu valide : 16 compétences, 49 sujets, 293 acquis, 293 épreuves/);
  const json = await partix(['content', 'check', '--dir', dir, '--json']);
  expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, competences: 16, challenges: 293 });
});

test('content check passes on the real bank, give-away check included', async () => {
  const result = await partix(['content', 'check', '--json']);
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, competences: 16 });
});

test('content check refuses a correction that gives away the answer of another challenge', async () => {
  const dir = buildTestContent();
  const file = join(dir, 'competences', '1.1.json');
  const data = JSON.parse(readFileSync(file, 'utf8'));
  data.tubes[0].skills[0].challenges[0].explanation = 'Retenez bien : les guillemets imposent l’expression exacte.';
  writeFileSync(file, JSON.stringify(data));
  const result = await partix(['content', 'check', '--dir', dir]);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/a 1 problème\(s\)/);
  expect(result.stderr).toMatch(/compétence 1\.1: l'explication de c11-alpha-1-a contient « guillemets », réponse acceptée de c11-types-2-qroc/);
});

test('content check refuses a broken bank, naming the file and the problem', async () => {
  const dir = buildTestContent();
  const file = join(dir, 'competences', '2.1.json');
  const data = JSON.parse(readFileSync(file, 'utf8'));
  data.tubes[0].skills[0].challenges[0].answer = 9;
  writeFileSync(file, JSON.stringify(data));
  const other = join(dir, 'competences', '3.1.json');
  const broken = JSON.parse(readFileSync(other, 'utf8'));
  broken.tubes[1].skills[0].tutorials = [];
  writeFileSync(other, JSON.stringify(broken));
  rmSync(join(dir, 'competences', '5.2.json'));
  const result = await partix(['content', 'check', '--dir', dir, '--json']);
  expect(result.code).toBe(1);
  const out = JSON.parse(result.stdout);
  expect(out.ok).toBe(false);
  expect(out.details.join('\n')).toMatch(/2\.1\.json: c21-alpha-1-a: réponse 9 hors des 4 propositions/);
  expect(out.details.join('\n')).toMatch(/3\.1\.json: tubes\.1\.skills\.0\.tutorials/);
  expect(out.details.join('\n')).not.toMatch(/compétence 3\.1: aucun sujet/);
  expect(out.details.join('\n')).toMatch(/compétence 5\.2: aucun sujet/);
});

test('content stats counts per competence, tube, level and type', async () => {
  const result = await partix(['content', 'stats', '--dir', buildTestContent(), '--json']);
  expect(result.code).toBe(0);
  const stats = JSON.parse(result.stdout);
  expect(stats.byType).toEqual({ QCU: 288, QCM: 1, QROC: 2, 'QROCM-ind': 1, 'QROCM-dep': 1 });
  expect(stats.perCompetence[0]).toMatchObject({ competence: '1.1', tubes: 4, challenges: 23 });
});

test('the bot refuses to start on a wrong setting and names it', async () => {
  try {
    await run(process.execPath, ['--import', 'tsx', 'src/index.ts'], { env: { ...process.env, PORT: 'abc', IMPROVE_DELAY_DAYS: '-1' } });
    expect.unreachable('the bot started');
  } catch (error) {
    const e = error as { code: number; stderr: string };
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/PORT/);
    expect(e.stderr).toMatch(/IMPROVE_DELAY_DAYS/);
  }
});
