/** `partix school …` and `partix import …`: the operator's side of schools and SIECLE imports. */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { App } from '../app.js';
import { withApp as withCommandApp } from '../cli-app.js';
import { fail, print, type Output } from '../cli-output.js';
import { formatDateTime } from '../i18n/dates.js';
import { SchoolError } from './errors.js';
import { importReportCsv } from './import-report.js';
import { requestImport, runImport } from './imports.js';
import { addSchool, listSchools, reissueReferentCode } from './schools.js';

const withApp = <T>(out: Output, work: (app: App) => Promise<T>) => withCommandApp(out, work, (error) => (error instanceof SchoolError ? schoolErrorText(error) : null));

function schoolErrorText(error: SchoolError): string {
  const e = error as SchoolError & { uaj?: string };
  switch (error.name) {
    case 'InvalidUajError':
      return `UAJ invalide « ${e.uaj} » : 7 chiffres et une lettre, par exemple 0860001A.`;
    case 'SchoolExistsError':
      return `L’établissement ${e.uaj} existe déjà : « partix school referent --uaj ${e.uaj} » donne un nouveau code de référent.`;
    case 'UnknownSchoolError':
      return `Aucun établissement ${e.uaj} : ajoutez-le avec « partix school add --uaj ${e.uaj} --name … ».`;
    default:
      return `Refusé : ${error.message}`;
  }
}

const schoolDeps = (app: App) => app.imports;

function codeText(uaj: string, name: string, code: string, expiresAt: Date): string {
  return [
    `Établissement ${uaj} · ${name}`,
    `Code référent (à usage unique) : ${code}`,
    `Valable jusqu’au ${formatDateTime(expiresAt, { lang: 'fr' }, 'long')}.`,
    `Le ou la référent·e tape « code ${code} » dans sa conversation avec Partix dans Teams.`,
  ].join('\n');
}

export function registerSchoolCommands(program: Command): void {
  const school = program.command('school').description('Les établissements et leurs référents');
  school
    .command('add')
    .description('Inscrit un établissement et donne le code de son premier référent')
    .requiredOption('--uaj <uaj>', 'code UAJ/UAI, par exemple 0860001A')
    .requiredOption('--name <name>', 'nom de l’établissement')
    .option('--json', 'sortie JSON', false)
    .action((opts: { uaj: string; name: string; json: boolean }) =>
      withApp(opts, async (app) => {
        const { school: s, code, expiresAt } = await addSchool({ uaj: opts.uaj, name: opts.name, deps: schoolDeps(app) });
        print(opts, codeText(s.uaj, s.name, code, expiresAt), { ok: true, uaj: s.uaj, name: s.name, referentCode: code, expiresAt });
      }),
    );
  school
    .command('list')
    .description('Liste les établissements')
    .option('--json', 'sortie JSON', false)
    .action((opts: { json: boolean }) =>
      withApp(opts, async (app) => {
        const schools = await listSchools({ deps: schoolDeps(app) });
        const lines = schools.map((s) => `${s.uaj}  ${s.name}  · ${s.students} élèves actifs · ${s.referents} référent(s)${s.tenantId ? '' : ' · pas encore de référent inscrit'}`);
        print(opts, lines.length ? lines.join('\n') : 'Aucun établissement. Ajoutez-en un avec « partix school add ».', { ok: true, schools });
      }),
    );
  school
    .command('referent')
    .description('Donne un nouveau code de référent (l’ancien, s’il n’a pas servi, ne marche plus)')
    .requiredOption('--uaj <uaj>', 'code UAJ de l’établissement')
    .option('--json', 'sortie JSON', false)
    .action((opts: { uaj: string; json: boolean }) =>
      withApp(opts, async (app) => {
        const { school: s, code, expiresAt } = await reissueReferentCode({ uaj: opts.uaj, deps: schoolDeps(app) });
        print(opts, codeText(s.uaj, s.name, code, expiresAt), { ok: true, uaj: s.uaj, referentCode: code, expiresAt });
      }),
    );

  const imports = program.command('import').description('Les imports d’élèves');
  imports
    .command('siecle <file>')
    .description('Importe un export SIECLE (XML, zip ou CSV) pour un établissement, tout ou rien')
    .requiredOption('--uaj <uaj>', 'code UAJ de l’établissement')
    .option('--json', 'sortie JSON', false)
    .action((file: string, opts: { uaj: string; json: boolean }) =>
      withApp(opts, async (app) => {
        // The job reads the operator's file into the database and leaves it as it is.
        try {
          await access(file, constants.R_OK);
        } catch (error) {
          fail(opts, `Fichier illisible : ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
        }
        const { job } = await requestImport({ userId: null, uaj: opts.uaj, fileName: basename(file), filePath: file, deps: app.imports });
        const done = await runImport({ importId: job.id, deps: app.imports });
        const c = done.counts;
        const problems = [
          ...(done.report?.fileError ? [done.report.fileError.message] : []),
          ...(done.report?.errors ?? []).map((e) => `${e.ine ? `INE ${e.ine} · ` : ''}${e.line ? `ligne ${e.line} · ` : ''}${e.field ? `${e.field} · ` : ''}${e.message}`),
        ];
        if (done.state === 'failed') fail(opts, `Import refusé, rien n’a été modifié (${problems.length} erreur(s)) · rapport : partix import report ${done.id}`, problems.slice(0, 50));
        if (done.state === 'superseded') fail(opts, `Import ${done.id} non appliqué, rien n’a été modifié : un export plus récent de l’établissement l’a remplacé.`, problems);
        print(
          opts,
          `Import ${done.id} terminé : ${c?.imported} ajouté(s), ${c?.updated} mis à jour, ${c?.unchanged} inchangé(s), ${c?.disabled} désactivé(s), ${c?.skipped} ignoré(s).`,
          { ok: true, id: done.id, state: done.state, counts: c, skipped: done.report?.skipped ?? [] },
        );
      }),
    );
  imports
    .command('report <id>')
    .description('Écrit le rapport complet d’un import (CSV) sur la sortie standard')
    .option('--json', 'sortie JSON', false)
    .action((id: string, opts: { json: boolean }) =>
      withApp(opts, async (app) => {
        const job = await app.imports.imports.find(id);
        if (!job) fail(opts, `Aucun import ${id}.`);
        if (opts.json) print(opts, '', { ok: true, ...job });
        else process.stdout.write(importReportCsv(job));
      }),
    );
}
