#!/usr/bin/env node
/** `partix`: the operators' command. Every subcommand takes --json and exits non-zero on failure. */
// Settings may come from a .env file beside the project (see .env.example); real environment wins.
import 'dotenv/config';
import { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { loadFramework, ContentError } from './framework/loader.js';
import { contentStats, coverageProblems } from './framework/stats.js';
import { giveAwayProblems } from './framework/give-aways.js';
import { informalAddressProblems } from './framework/address-check.js';
import { writeFileSync, readFileSync } from 'node:fs';
import { ManifestError, manifestPackage } from './teams/manifest.js';
import { fail, print, projectRoot } from './cli-output.js';
import { registerSchoolCommands } from './schools/cli.js';
import { registerCalibrationCommand } from './adaptive/cli.js';
import { registerSimulationCommand } from './simulation/cli.js';
import { registerDevCommands } from './dev/cli.js';
import { registerCertificationCommands } from './certification/cli.js';
import { registerCampaignCommands } from './campaigns/cli.js';



/** The item bank, or a refusal that lists every problem of every file. */
function loadContent(opts: { dir: string; json: boolean }) {
  try {
    return loadFramework(opts.dir);
  } catch (error) {
    if (error instanceof ContentError) fail(opts, `Contenu invalide : ${error.problems.length} problème(s)`, error.problems);
    throw error;
  }
}

export function buildCli(): Command {
  // Options belong to the command they follow: `simulate campaign --students 50` is campaign's --students, not simulate's.
  const program = new Command('partix').description('Partix: commandes d’exploitation / operator commands').enablePositionalOptions();
  const content = program.command('content').description('Le référentiel et la banque d’épreuves');
  content
    .command('check')
    .description('Vérifie les fichiers de contenu (schéma, cohérence, couverture, corrections qui donnent la réponse d’une autre épreuve, vouvoiement)')
    .option('--dir <dir>', 'dossier du contenu', resolve(projectRoot, 'content'))
    .option('--json', 'sortie JSON', false)
    .action((opts: { dir: string; json: boolean }) => {
      const framework = loadContent(opts);
      const stats = contentStats(framework);
      const problems = [...coverageProblems(stats), ...giveAwayProblems(framework), ...informalAddressProblems(framework)];
      if (problems.length) fail(opts, `Le contenu est chargé mais a ${problems.length} problème(s) :`, problems);
      print(opts, `Contenu valide : ${stats.competences} compétences, ${stats.tubes} sujets, ${stats.skills} acquis, ${stats.challenges} épreuves, ${stats.tutorials} tutoriels.`, { ok: true, ...stats, perCompetence: undefined });
    });
  content
    .command('stats')
    .description('Compte les épreuves par compétence, sujet, niveau et type')
    .option('--dir <dir>', 'dossier du contenu', resolve(projectRoot, 'content'))
    .option('--json', 'sortie JSON', false)
    .action((opts: { dir: string; json: boolean }) => {
      const stats = contentStats(loadContent(opts));
      const lines = [`Compétence  sujets  acquis  épreuves  QCU QCM QROC QROCM-ind QROCM-dep  niveaux`];
      for (const c of stats.perCompetence) {
        const t = c.byType;
        const levels = Object.entries(c.byLevel).map(([l, n]) => `${l}:${n}`).join(' ');
        lines.push(`${c.competence.padEnd(11)} ${String(c.tubes).padStart(6)} ${String(c.skills).padStart(7)} ${String(c.challenges).padStart(9)}  ${String(t.QCU).padStart(3)} ${String(t.QCM).padStart(3)} ${String(t.QROC).padStart(4)} ${String(t['QROCM-ind']).padStart(9)} ${String(t['QROCM-dep']).padStart(9)}  ${levels}`);
        for (const tube of c.perTube) lines.push(`    ${tube.tube.padEnd(32)} niveaux ${tube.levels.join(',')}  épreuves ${tube.challenges}`);
      }
      lines.push(`Total : ${stats.challenges} épreuves, ${stats.skills} acquis, ${stats.tubes} sujets, ${stats.tutorials} tutoriels`);
      print(opts, lines.join('\n'), stats);
    });
  registerSchoolCommands(program);
  registerSimulationCommand(program);
  registerCalibrationCommand(program);
  registerDevCommands(program);
  registerCertificationCommands(program);
  registerCampaignCommands(program);
  program
    .command('manifest')
    .description('Construit le paquet d’application Teams (manifest.json + icônes), vérifié hors ligne')
    .requiredOption('--app-id <guid>', 'identifiant de l’application Teams (un GUID à vous)')
    .requiredOption('--bot-id <guid>', 'MicrosoftAppId du bot (inscription Azure Bot)')
    .option('--version <x.y.z>', 'version du paquet', JSON.parse(readFileSync(resolve(projectRoot, 'package.json'), 'utf8')).version)
    .option('--website <url>', 'site de l’éditeur (https)', 'https://partix.example.org')
    .option('--domain <host>', 'domaine du bot, s’il sert aussi des pages')
    .option('--out <file>', 'fichier zip à écrire', 'partix-teams.zip')
    .option('--json', 'sortie JSON', false)
    .action(async (opts: { appId: string; botId: string; version: string; website: string; domain?: string; out: string; json: boolean }) => {
      try {
        const zip = await manifestPackage({
          manifestDir: resolve(projectRoot, 'manifest'),
          appId: opts.appId,
          botId: opts.botId,
          version: opts.version,
          websiteUrl: opts.website,
          ...(opts.domain ? { domain: opts.domain } : {}),
        });
        writeFileSync(opts.out, zip);
        print(opts, `Paquet Teams écrit : ${opts.out} (${zip.length} octets). Importez-le dans Teams (Applications > Gérer vos applications > Charger une application).`, { ok: true, out: opts.out, bytes: zip.length });
      } catch (error) {
        if (error instanceof ManifestError) fail(opts, 'Manifeste refusé :', error.problems);
        throw error;
      }
    });
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  await buildCli().parseAsync(argv);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runCli(process.argv);
}
