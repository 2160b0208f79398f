/** `partix calibrate`: the challenges' parameters fitted again from the answers recorded. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { fail, integer, print, projectRoot, type Output } from '../cli-output.js';
import { ConfigError, parseConfig } from '../config.js';
import { ContentError, loadFramework } from '../framework/loader.js';
import type { Framework } from '../framework/model.js';
import { openStore } from '../store/database.js';
import { calibrateBank, NotEnoughAnswersError, type CalibrationReport } from './calibrate-bank.js';

function calibrationText(report: CalibrationReport): string {
  const lines = [`${report.answers} réponses, ${report.sittings} passations lues.`];
  for (const c of report.changes) {
    const before = `a=${c.before.discrimination.toFixed(2)} δ=${c.before.difficulty.toFixed(2)}`;
    const after = c.fitted ? `a=${c.fitted.discrimination.toFixed(2)} δ=${c.fitted.difficulty.toFixed(2)}` : '';
    if (c.status === 'updated') lines.push(`${c.challengeId.padEnd(32)} ${before}  →  ${after}  (${c.answers} réponses)`);
    else if (c.status === 'out-of-range') lines.push(`${c.challengeId.padEnd(32)} refusé : ${c.reason} ; reste ${before}`);
    else lines.push(`${c.challengeId.padEnd(32)} inchangé : ${c.reason}`);
  }
  const updated = report.changes.filter((c) => c.status === 'updated').length;
  if (updated === 0) lines.push('Aucun changement : les réponses s’accordent avec les paramètres actuels.');
  else lines.push(report.dryRun ? `Essai à blanc : ${updated} épreuve(s) seraient recalibrées, rien n'est écrit.` : `${report.written} épreuve(s) recalibrée(s).`);
  return lines.join('\n');
}

export function registerCalibrationCommand(program: Command): void {
  program
    .command('calibrate')
    .description('Recalibre difficulté et discrimination des épreuves à partir des réponses enregistrées')
    .option('--database <url>', 'base (fichier SQLite ou postgres://) ; par défaut DATABASE_URL')
    .option('--dir <dir>', 'dossier du contenu', resolve(projectRoot, 'content'))
    .option('--min-answers <n>', 'réponses minimales par épreuve pour la recalibrer', '100')
    .option('--dry-run', 'calcule et affiche sans rien écrire', false)
    .option('--json', 'sortie JSON', false)
    .action(async (opts: Output & { database?: string; dir: string; minAnswers: string; dryRun: boolean }) => {
      const minAnswers = integer(opts, 'min-answers', opts.minAnswers, 1, 10_000_000);
      let url = opts.database;
      try {
        url ??= parseConfig(process.env).DATABASE_URL;
      } catch (error) {
        if (error instanceof ConfigError) fail(opts, 'Configuration invalide :', error.problems);
        throw error;
      }
      let framework: Framework;
      try {
        framework = loadFramework(opts.dir);
      } catch (error) {
        if (error instanceof ContentError) fail(opts, `Contenu invalide : ${error.problems.length} problème(s)`, error.problems.slice(0, 10));
        throw error;
      }
      const store = await openStore(url);
      try {
        const report = await calibrateBank({ db: store.db, framework, options: { minAnswers }, dryRun: opts.dryRun, now: new Date() });
        const updated = report.changes.filter((c) => c.status === 'updated').length;
        const refused = report.changes.filter((c) => c.status === 'out-of-range');
        if (updated === 0 && refused.length > 0) {
          fail(opts, 'Calibration refusée : les paramètres ajustés sortent des bornes. Les paramètres restent inchangés.', refused.map((c) => `${c.challengeId} : ${c.reason ?? ''}`));
        }
        print(opts, calibrationText(report), { ok: true, ...report, parameters: undefined });
      } catch (error) {
        if (error instanceof NotEnoughAnswersError) {
          fail(opts, error.message, error.result.changes.slice(0, 20).map((c) => `${c.challengeId} : ${c.reason ?? ''}`));
        }
        throw error;
      } finally {
        await store.close();
      }
    });
}
