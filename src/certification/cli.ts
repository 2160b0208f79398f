/**
 * `partix certification …` and `partix reminders preview`: the operator's side of the season. Refusals
 * are worded as the chat words them (French), and exit non-zero.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { App } from '../app.js';
import { withApp } from '../cli-app.js';
import { fail, print, type Output } from '../cli-output.js';
import { DomainError } from '../domain-error.js';
import { certificationErrorText } from '../i18n/certification-errors.js';
import { previewReminders } from '../reminders/preview-reminders.js';
import { REMINDER_KINDS } from '../reminders/plan.js';
import { zoneOfUaj } from '../reminders/zones.js';
import { normalizeUaj } from '../schools/schools.js';
import { classResultRows } from './class-results.js';
import { classResultsCsv } from './results-csv.js';

const withSeason = (out: Output, work: (app: App) => Promise<void>) =>
  withApp(out, work, (error) => (error instanceof DomainError ? (certificationErrorText(error, 'fr') ?? `Refusé : ${error.message}`) : null));

export function registerCertificationCommands(program: Command): void {
  const certification = program.command('certification').description('La saison de certification');
  certification
    .command('school')
    .description('Réglages de certification d’un établissement : son réseau, sa zone de vacances')
    .requiredOption('--uaj <uaj>', 'code UAJ de l’établissement')
    .option('--network <name>', 'réseau d’établissements (ex. « réseau Eclère ») ; vide pour aucun')
    .option('--zone <zone>', 'zone de vacances scolaires A, B ou C (sinon : d’après le département de l’UAJ)')
    .option('--json', 'sortie JSON', false)
    .action((opts: { uaj: string; network?: string; zone?: string; json: boolean }) =>
      withSeason(opts, async (app) => {
        const school = await app.schools.schoolByUaj(normalizeUaj(opts.uaj));
        if (!school) fail(opts, `Aucun établissement ${opts.uaj}.`);
        const zone = opts.zone?.trim().toUpperCase();
        if (zone !== undefined && zone !== 'A' && zone !== 'B' && zone !== 'C') fail(opts, `--zone : A, B ou C (reçu « ${opts.zone} »).`);
        const current = await app.certification.sessions.settings(school.id);
        const settings = {
          network: opts.network === undefined ? current.network : opts.network.trim() || null,
          zone: zone ?? current.zone,
        };
        await app.certification.sessions.saveSettings(school.id, settings, app.clock());
        const effective = settings.zone ?? zoneOfUaj(school.uaj);
        print(opts, `${school.uaj} · réseau : ${settings.network ?? 'aucun'} · zone : ${effective ?? 'inconnue (aucun rappel tant qu’elle n’est pas réglée)'}`, { ok: true, uaj: school.uaj, ...settings, effectiveZone: effective });
      }),
    );
  certification
    .command('results')
    .description('Écrit le CSV des résultats d’une classe pour une session publiée')
    .requiredOption('--session <id>', 'identifiant de la session')
    .requiredOption('--division <classe>', 'classe')
    .option('--out <file>', 'fichier à écrire (sinon la sortie standard)')
    .option('--json', 'sortie JSON', false)
    .action((opts: { session: string; division: string; out?: string; json: boolean }) =>
      withSeason(opts, async (app) => {
        const session = await app.certification.sessions.byId(opts.session);
        if (!session || session.status !== 'published') fail(opts, `Aucune session publiée ${opts.session}.`);
        const rows = await classResultRows(app.certification, session, opts.division);
        const csv = classResultsCsv(app.framework, rows);
        if (opts.out) writeFileSync(opts.out, csv);
        if (opts.json) print(opts, '', { ok: true, candidates: rows.length, ...(opts.out ? { out: opts.out } : { csv }) });
        else if (opts.out) print(opts, `${rows.length} candidat(s) · ${opts.out}`, null);
        else process.stdout.write(csv);
      }),
    );

  program
    .command('reminders')
    .description('Les rappels de certification')
    .command('preview')
    .description('Jour par jour, quels rappels iraient à combien de personnes (rien n’est envoyé)')
    .requiredOption('--from <date>', 'premier jour, AAAA-MM-JJ')
    .requiredOption('--to <date>', 'dernier jour, AAAA-MM-JJ')
    .option('--json', 'sortie JSON : un objet par jour', false)
    .action((opts: { from: string; to: string; json: boolean }) =>
      withSeason(opts, async (app) => {
        const days = await previewReminders({ from: opts.from, to: opts.to, deps: app.reminders });
        const lines = days
          .filter((d) => REMINDER_KINDS.some((k) => d.counts[k] > 0))
          .map((d) => `${d.date}  ${REMINDER_KINDS.filter((k) => d.counts[k] > 0).map((k) => `${k} ${d.counts[k]}`).join(' · ')}`);
        print(opts, lines.length > 0 ? lines.join('\n') : `Aucun rappel du ${opts.from} au ${opts.to}.`, days);
      }),
    );
}
