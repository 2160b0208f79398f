/**
 * `partix campaign export`: the operator's way to a campaign's CSV when the bot has no PUBLIC_URL
 * (no link to give in chat). The operator holds the database: no staff rights are asked.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { withApp } from '../cli-app.js';
import { fail, print } from '../cli-output.js';
import { normalizeCampaignCode } from './code.js';
import { csvOfCampaign } from './export-csv.js';

export function registerCampaignCommands(program: Command): void {
  const campaign = program.command('campaign').description('Les campagnes');
  campaign
    .command('export')
    .description('Écrit l’export CSV d’une campagne (colonnes de la spécification, UTF-8 avec BOM, « ; ») dans un fichier ou sur la sortie standard')
    .requiredOption('--code <code>', 'code de la campagne, par exemple QZWBPK347')
    .option('--out <file>', 'fichier à écrire (sinon la sortie standard)')
    .option('--json', 'sortie JSON', false)
    .action((opts: { code: string; out?: string; json: boolean }) =>
      withApp(opts, async (app) => {
        const code = normalizeCampaignCode(opts.code);
        if (!code) fail(opts, `« ${opts.code} » n’est pas un code de campagne : 6 lettres puis 3 chiffres, par exemple QZWBPK347.`);
        const found = await app.campaigns.campaigns.findByCode(code);
        const file = found ? await csvOfCampaign(app.campaigns, found.id) : null;
        if (!found || !file) fail(opts, `Aucune campagne de code ${code}.`);
        if (opts.out) writeFileSync(opts.out, file.csv);
        if (opts.json) print(opts, '', { ok: true, code, campaign: found.name, rows: file.rows, ...(opts.out ? { out: opts.out } : { csv: file.csv }) });
        else if (opts.out) print(opts, `Campagne « ${found.name} » (${code}) : ${file.rows} participant(s) · ${opts.out}`, null);
        else process.stdout.write(file.csv);
      }),
    );
}
