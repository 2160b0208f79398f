/** `partix simulate`: the adaptive methods compared on simulated students (README's tables). */
import type { Command } from 'commander';
import { decimal, fail, integer, print, projectRoot, type Output } from '../cli-output.js';
import { resolve } from 'node:path';
import { ContentError, loadFramework } from '../framework/loader.js';
import type { Framework } from '../framework/model.js';
import { PARTIX_BAYES, PARTIX_BAYES_SHORT } from '../adaptive/bayes-strategy.js';
import { createPositioning } from '../adaptive/positioning.js';
import { shortestExactLength } from '../adaptive/bayes-plan.js';
import { smartRandom } from '../adaptive/smart-random.js';
import { registerCampaignSimulation } from './campaign-cli.js';
import { compareStrategies, STRATEGY_NAMES } from './comparison.js';
import { profileCohort, simulatePositioning, simulateSeparateTests } from './positioning-simulation.js';
import { DEFAULT_POPULATION, NOISE_SETTINGS } from './simulated-population.js';
import { testedCompetences } from './simulator.js';
import { checkGoals, humanReport, markdownReport, type PositioningRow } from './simulation-report.js';
import { syntheticFramework } from './synthetic-bank.js';

interface SimulateOptions extends Output {
  bank: string;
  dir: string;
  challenges?: string;
  students: string;
  seed: string;
  noise: string;
  strategies: string;
  confidences?: string;
  ceiling: boolean;
  positioningStudents: string;
  separate: boolean;
  highestLevel: string;
  tubeSpread?: string;
  abilityMean?: string;
  markdown: boolean;
}

function bankOf(opts: SimulateOptions): { framework: Framework; label: string } {
  if (opts.bank === 'synthetic') {
    const challenges = opts.challenges === undefined ? undefined : integer(opts, 'challenges', opts.challenges, 16, 1_000_000);
    const framework = syntheticFramework({ seed: 1, challenges });
    return { framework, label: `synthetic (${framework.challenges.size} challenges, ${framework.tubes.size} tubes)` };
  }
  if (opts.bank !== 'real') fail(opts, `--bank : « real » ou « synthetic » (reçu « ${opts.bank} »).`);
  try {
    const framework = loadFramework(opts.dir);
    return { framework, label: `real (content/: ${framework.challenges.size} challenges, ${framework.tubes.size} tubes)` };
  } catch (error) {
    if (error instanceof ContentError) fail(opts, `Contenu invalide : ${error.problems.length} problème(s). Essayez « --bank synthetic ».`, error.problems.slice(0, 10));
    throw error;
  }
}

function simulate(opts: SimulateOptions) {
  const { framework, label } = bankOf(opts);
  const students = integer(opts, 'students', opts.students, 1, 1_000_000);
  const seed = integer(opts, 'seed', opts.seed, 0, 2 ** 31);
  const highestLevel = integer(opts, 'highest-level', opts.highestLevel, 1, 8);
  const positioningStudents = integer(opts, 'positioning-students', opts.positioningStudents, 0, 1_000_000);
  const noises = opts.noise.split(',').map((name) => NOISE_SETTINGS[name.trim()] ?? fail(opts, `--noise : réglage inconnu « ${name} » (connus : ${Object.keys(NOISE_SETTINGS).join(', ')}).`));
  const strategies = opts.strategies.split(',').map((s) => s.trim());
  for (const s of strategies) if (!(STRATEGY_NAMES as readonly string[]).includes(s)) fail(opts, `--strategies : méthode inconnue « ${s} » (connues : ${STRATEGY_NAMES.join(', ')}).`);
  const confidences = opts.confidences?.split(',').map((c) => decimal(opts, 'confidences', c.trim(), 0.3, 0.999));
  const population = {
    ...DEFAULT_POPULATION,
    ...(opts.tubeSpread === undefined ? {} : { tubeSpread: decimal(opts, 'tube-spread', opts.tubeSpread, 0, 3) }),
    ...(opts.abilityMean === undefined ? {} : { abilityMean: decimal(opts, 'ability-mean', opts.abilityMean, 0, 8) }),
  };

  const comparisons = compareStrategies({
    framework,
    students,
    seed,
    population,
    noises,
    highestLevel,
    strategies,
    confidences,
    ceiling: opts.ceiling,
    flashFitStudents: 3000,
  });
  const positioning: PositioningRow[] = [];
  if (positioningStudents > 0) {
    for (const noise of noises) {
      const cohort = profileCohort({ framework, population, noise, students: positioningStudents, seed });
      const strategy = createPositioning({ model: { highestLevel } });
      positioning.push({ ...simulatePositioning({ framework, strategy, students: cohort, seed, highestLevel }), noise: noise.name });
      if (opts.separate) positioning.push({ ...simulateSeparateTests({ framework, strategy: smartRandom, students: cohort, seed, highestLevel }), noise: noise.name });
    }
  }
  const goals = checkGoals(comparisons, positioning);
  const shortestExact = shortestExactLength({ framework, competenceIds: testedCompetences(framework, students), population, highestLevel });
  const command = `partix simulate ${process.argv.slice(3).join(' ')}`.trim();
  const report = { bank: label, comparisons, positioning, goals, shortestExact };
  const human = opts.markdown ? markdownReport({ ...report, command }) : humanReport(report);
  print(opts, human, {
    ok: true,
    bank: label,
    population,
    students,
    seed,
    comparisons: comparisons.map((c) => ({ noise: c.noise, flashLengths: c.flashLengths, figures: c.figures })),
    positioning,
    goals,
    shortestExactLength: shortestExact,
  });
}


export function registerSimulationCommand(program: Command): void {
  const command = program
    .command('simulate')
    .description('Compare les méthodes adaptatives sur des élèves simulés (mêmes élèves, mêmes tirages)')
    .option('--bank <bank>', 'banque : real (content/) ou synthetic', 'real')
    .option('--dir <dir>', 'dossier du contenu (banque real)', resolve(projectRoot, 'content'))
    .option('--challenges <n>', 'banque synthetic : nombre d’épreuves (par défaut, la forme de la vraie banque)')
    .option('--students <n>', 'élèves simulés par réglage de bruit (un test de compétence chacun)', '3000')
    .option('--seed <n>', 'graine', '1')
    .option('--noise <list>', `réglages de bruit (${Object.keys(NOISE_SETTINGS).join(', ')})`, Object.keys(NOISE_SETTINGS).join(','))
    .option('--strategies <list>', `méthodes (${STRATEGY_NAMES.join(', ')})`, STRATEGY_NAMES.join(','))
    .option('--confidences <list>', `${PARTIX_BAYES_SHORT} : seuils d’arrêt à essayer (le premier sert de référence)`)
    .option('--ceiling', `le modèle de ${PARTIX_BAYES} posant toute la banque : le mieux possible avec ces épreuves`, false)
    .option('--positioning-students <n>', 'élèves du test de positionnement (0 : sans)', '300')
    .option('--separate', 'positionnement : comparer à 16 tests smart random séparés', false)
    .option('--highest-level <n>', 'niveau maximal atteignable', '5')
    .option('--tube-spread <sd>', 'élèves simulés : écart-type du niveau d’un sujet autour de la compétence')
    .option('--ability-mean <level>', 'élèves simulés : niveau moyen')
    .option('--markdown', 'tableaux Markdown (anglais) pour le README', false)
    .option('--json', 'sortie JSON', false)
    .action((opts: SimulateOptions) => simulate(opts));
  command.enablePositionalOptions();
  registerCampaignSimulation(command);
}
