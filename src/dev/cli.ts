/** `partix dev …`: tools for developers and for trying the bot, never needed in production. */
import type { Command } from 'commander';
import { fail, print, type Output } from '../cli-output.js';
import { DEFAULT_SHARES, DEFAULT_UAJ, writeSiecleExport } from './siecle-export.js';

interface SiecleOptions extends Output {
  students: string;
  format: string;
  zip: boolean;
  seed: string;
  uaj: string;
  encoding?: string;
  left: string;
  withoutDivision: string;
  dupIne: string;
  out?: string;
}

function integer(out: Output, name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) fail(out, `--${name} : un entier entre ${min} et ${max} est attendu (reçu « ${value} »).`);
  return n;
}

function share(out: Output, name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) fail(out, `--${name} : une part entre 0 et 1 est attendue (reçu « ${value} »).`);
  return n;
}

async function siecle(opts: SiecleOptions): Promise<void> {
  if (opts.format !== 'xml' && opts.format !== 'csv') fail(opts, `--format : « xml » ou « csv » (reçu « ${opts.format} »).`);
  const format = opts.format;
  if (format === 'csv' && opts.zip) fail(opts, '--zip : seul l’export XML est livré zippé par SIECLE ; le CSV ne l’est pas.');
  if (opts.encoding !== undefined && opts.encoding !== 'iso-8859-15' && opts.encoding !== 'utf-8') {
    fail(opts, `--encoding : « iso-8859-15 » ou « utf-8 » (reçu « ${opts.encoding} »).`);
  }
  if (format === 'csv' && opts.encoding !== undefined) fail(opts, '--encoding : un CSV est toujours écrit en Windows-1252, comme Excel sous Windows.');
  const students = integer(opts, 'students', opts.students, 0, 1_000_000);
  const seed = integer(opts, 'seed', opts.seed, 0, 2 ** 32 - 1);
  const shares = { left: share(opts, 'left', opts.left), noDivision: share(opts, 'without-division', opts.withoutDivision), duplicateIne: share(opts, 'dup-ine', opts.dupIne) };
  const out = opts.out ?? (format === 'csv' ? 'eleves.csv' : opts.zip ? 'ElevesSansAdresses.zip' : 'ElevesSansAdresses.xml');
  try {
    const written = await writeSiecleExport({
      out, students, format, zip: opts.zip, seed, uaj: opts.uaj, shares,
      ...(opts.encoding ? { encoding: opts.encoding as 'iso-8859-15' | 'utf-8' } : {}),
    });
    print(
      opts,
      `${written.path} : ${written.students} élèves inventés (${written.current} présents avec une division), UAJ ${opts.uaj}, ${format}${written.zipped ? ' zippé' : ''}, ${written.encoding}, ${written.bytes} octets.`,
      { ok: true, ...written, uaj: opts.uaj, seed },
    );
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') fail(opts, `Impossible d’écrire « ${out} » : ${code === 'ENOENT' ? 'le dossier n’existe pas' : code === 'EISDIR' ? 'c’est un dossier' : 'accès refusé'}.`);
    throw error;
  }
}

export function registerDevCommands(program: Command): void {
  const dev = program.command('dev').description('Outils de développement / developer tools');
  dev
    .command('siecle')
    .description('Écrit un export SIECLE inventé (XML ISO-8859-15, zippé ou non, ou CSV Windows-1252), pour essayer un import')
    .option('--students <n>', 'nombre d’élèves', '300')
    .option('--format <format>', 'xml ou csv', 'xml')
    .option('--zip', 'le XML dans une archive zip', false)
    .option('--seed <n>', 'même graine, même fichier', '42')
    .option('--uaj <uaj>', 'UAJ de l’établissement', DEFAULT_UAJ)
    .option('--encoding <encoding>', 'XML : iso-8859-15 (par défaut, comme SIECLE) ou utf-8')
    .option('--left <share>', 'part d’élèves partis (DATE_SORTIE)', String(DEFAULT_SHARES.left))
    // Not --no-division: commander reads a --no- prefix as the negation of a flag.
    .option('--without-division <share>', 'part d’élèves sans division', String(DEFAULT_SHARES.noDivision))
    .option('--dup-ine <share>', 'part d’élèves qui reprennent l’INE du précédent', String(DEFAULT_SHARES.duplicateIne))
    .option('--out <file>', 'fichier à écrire (ElevesSansAdresses.xml, .zip ou eleves.csv par défaut)')
    .option('--json', 'sortie JSON', false)
    .action((opts: SiecleOptions) => siecle(opts));
}
