/**
 * Layer: process. `partix campaign export --code`: the operator's CSV of a campaign (for a bot
 * without PUBLIC_URL, whose teachers cannot get a link), to a file or the standard output; a code
 * that is none is refused in words, with a non-zero exit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Campaign } from '../../src/campaigns/model.js';
import { startTestBot, type TestBot } from '../helpers/chat.js';
import { runPartix } from '../helpers/partix.js';
import { removeTempDir, tempDir } from '../helpers/temp.js';
import { sharedCollection } from './app-seed.js';

let bot: TestBot;
let campaign: Campaign;
let out: string;

const partix = (args: string[]) =>
  runPartix(args, { DATABASE_URL: bot.app.config.DATABASE_URL, CONTENT_DIR: bot.app.config.CONTENT_DIR, LOG_LEVEL: 'silent', PUBLIC_URL: '' });

beforeAll(async () => {
  bot = await startTestBot({ PUBLIC_URL: '' });
  out = tempDir('partix-campaign-cli-');
  ({ campaign } = await sharedCollection(bot.app));
}, 60_000);
afterAll(async () => {
  await bot.close();
  removeTempDir(out);
});

test('writes the campaign’s CSV to --out: BOM, “;”, the spec’s columns, the student’s row', async () => {
  const file = join(out, 'export.csv');
  const typed = `${campaign.code.slice(0, 3).toLowerCase()} ${campaign.code.slice(3)}`;
  const result = await partix(['campaign', 'export', '--code', typed, '--out', file]);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toContain(`Campagne « Profils 4e » (${campaign.code}) : 1 participant(s) · ${file}`);
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
  const rows: string[][] = parse(bytes.toString('utf8').slice(1), { delimiter: ';' });
  expect(rows[0]!.slice(0, 10)).toEqual(['Établissement', 'ID campagne', 'Code', 'Nom de la campagne', 'Profil cible', 'Nom', 'Prénom', 'Classe', 'Identifiant externe', 'Envoi (O/N)']);
  expect(rows[1]!.slice(0, 10)).toEqual(['Collège Jean Moulin', campaign.id, campaign.code, 'Profils 4e', '', 'MARTIN', 'Léa', '4A', '', 'O']);
}, 60_000);

test('a code that is none, or no campaign’s, is refused in words with a non-zero exit', async () => {
  const bad = await partix(['campaign', 'export', '--code', 'abc']);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(/« abc » n’est pas un code de campagne/);
  const unknown = await partix(['campaign', 'export', '--code', 'ZZZZZZ999', '--json']);
  expect(unknown.code).toBe(1);
  expect(JSON.parse(unknown.stdout)).toMatchObject({ ok: false, error: 'Aucune campagne de code ZZZZZZ999.' });
}, 60_000);
