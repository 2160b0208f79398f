/** `partix simulate campaign`: a campaign's length and accuracy per competence (README, issue 12). */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { createPartixBayes } from '../adaptive/bayes-strategy.js';
import { READY_MADE_TARGETS } from '../campaigns/targets.js';
import { fail, integer, print, projectRoot, type Output } from '../cli-output.js';
import { loadFramework } from '../framework/loader.js';
import { campaignMarkdown, simulateCampaign, type CampaignFigures } from './campaign-simulation.js';
import { DEFAULT_POPULATION, NOISE_SETTINGS } from './simulated-population.js';

interface CampaignOptions extends Output {
  dir: string;
  students: string;
  seed: string;
  noise: string;
  competences: string;
  highestLevel: string;
  markdown: boolean;
}

function run(opts: CampaignOptions) {
  const framework = loadFramework(opts.dir);
  const students = integer(opts, 'students', opts.students, 1, 100_000);
  const seed = integer(opts, 'seed', opts.seed, 0, 2 ** 31);
  const highestLevel = integer(opts, 'highest-level', opts.highestLevel, 1, 8);
  const noise = NOISE_SETTINGS[opts.noise] ?? fail(opts, `--noise : réglage inconnu « ${opts.noise} » (connus : ${Object.keys(NOISE_SETTINGS).join(', ')}).`);
  const ids = opts.competences.split(/[\s,]+/).filter(Boolean);
  for (const id of ids) if (!framework.competences.has(id)) fail(opts, `--competences : compétence inconnue « ${id} ».`);
  // The bot's default method, as the campaign test uses it.
  const strategy = createPartixBayes({ model: { highestLevel } });
  strategy.prepare?.(framework);
  const common = { framework, strategy, population: DEFAULT_POPULATION, noise, students, seed, highestLevel };
  const rows: CampaignFigures[] = [
    simulateCampaign({ ...common, label: `${ids.length} competences (${ids.join(' ')})`, targets: ids.map((competenceId) => ({ competenceId, level: highestLevel })) }),
    ...READY_MADE_TARGETS.map((t) => simulateCampaign({ ...common, label: t.label.en, targets: t.competences.map((c) => ({ ...c, level: Math.min(c.level, highestLevel) })) })),
  ];
  const command = `partix simulate campaign ${process.argv.slice(4).join(' ')}`.trim();
  const human = opts.markdown
    ? campaignMarkdown(rows, noise.name, command)
    : rows.map((r) => `${r.label} : ${r.meanAsked.toFixed(1)} épreuves en moyenne, p90 ${r.p90Asked}, max ${r.maxAsked} ; erreur de maîtrise ${r.masteryError.toFixed(1)} points`).join('\n');
  print(opts, human, { ok: true, noise: noise.name, students, seed, campaigns: rows });
}

export function registerCampaignSimulation(simulate: Command): void {
  simulate
    .command('campaign')
    .description('Longueur et justesse d’une campagne (5 compétences, profils cibles prêts à l’emploi) sur des élèves simulés')
    .option('--dir <dir>', 'dossier du contenu', resolve(projectRoot, 'content'))
    .option('--students <n>', 'élèves simulés', '500')
    .option('--seed <n>', 'graine', '1')
    .option('--noise <name>', `réglage de bruit (${Object.keys(NOISE_SETTINGS).join(', ')})`, 'slip-0.1')
    .option('--competences <list>', 'les compétences de la campagne libre', '1.1,2.1,3.1,4.1,5.1')
    .option('--highest-level <n>', 'niveau maximal atteignable', '5')
    .option('--markdown', 'tableaux Markdown (anglais) pour le README', false)
    .option('--json', 'sortie JSON', false)
    .action((opts: CampaignOptions) => run(opts));
}
