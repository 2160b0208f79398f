/**
 * Layer: cards. The referent's import notification speaks the referent's language down to each
 * problem line, from real reports of the SIECLE reader; a report stored before the English texts
 * existed still shows, in French.
 */
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderImportResult } from '../../src/cards/render-schools.js';
import { CardTemplates } from '../../src/cards/template.js';
import { loadFramework } from '../../src/framework/loader.js';
import { messages, type Lang } from '../../src/i18n/messages.js';
import type { ImportJob, ImportReport } from '../../src/schools/import-job.js';
import { cardText } from '../helpers/chat.js';
import { buildTestContent } from '../helpers/content-builder.js';
import { fixture, parse, refusal } from '../schools/siecle-helpers.js';

const cards = new CardTemplates(resolve('cards'));
const framework = loadFramework(buildTestContent());
const school = { id: 's-1', uaj: '0860001A', name: 'Collège Jean Moulin', tenantId: 'tenant-1' };

function job(report: ImportReport, state: 'failed' | 'imported' = 'failed'): ImportJob {
  return {
    id: 'i-1', schoolId: school.id, runBy: null, runByLabel: 'chat', fileName: 'eleves.csv', filePath: null, downloadUrl: null, state,
    failedStep: state === 'failed' ? 'validation' : null,
    counts: { imported: 0, updated: 0, unchanged: 0, disabled: 0, skipped: report.skipped.length, errors: report.errors.length },
    report, createdAt: new Date('2025-09-01T08:00:00Z'), finishedAt: new Date('2025-09-01T08:00:05Z'),
  };
}

function shown(lang: Lang, report: ImportReport, state?: 'failed' | 'imported'): string {
  const card = renderImportResult({ cards, t: messages(lang), lang, framework }, job(report, state), school, 'https://partix.test/reports/imports/i-1/x');
  return cardText(card);
}

const BAD_DATE_FR = "Ligne 3, colonne « Date de naissance (jj/mm/aaaa) » : « 30/02/2013 » n'est pas une date valide au format jj/mm/aaaa.";
const BAD_DATE_EN = 'Line 3, column “Date de naissance (jj/mm/aaaa)”: “30/02/2013” is not a valid date in the format dd/mm/yyyy (day/month/year).';

describe('the import result card', () => {
  test('shows a row problem in English to an English-speaking referent, in French to a French one', async () => {
    const { errors, skipped } = await parse(fixture('csv-bad-date.csv'));
    const report = { fileError: null, errors, skipped };

    const en = shown('en', report);
    const fr = shown('fr', report);

    expect(en).toMatch(/^SIECLE import refused · Collège Jean Moulin/);
    expect(en).toContain(`- INE 0300000003C · line 3 · Date de naissance (jj/mm/aaaa) · ${BAD_DATE_EN}`);
    expect(en).not.toContain("n'est pas une date valide");
    expect(fr).toMatch(/^Import SIECLE refusé · Collège Jean Moulin/);
    expect(fr).toContain(`- INE 0300000003C · ligne 3 · Date de naissance (jj/mm/aaaa) · ${BAD_DATE_FR}`);
    expect(fr).not.toContain('is not a valid date');
  });

  test('shows a whole-file refusal in the referent’s language', async () => {
    const error = await refusal(fixture('empty.xml'));
    const report = { fileError: { code: error.code, message: error.message, messageEn: error.messageEn }, errors: [], skipped: [] };

    expect(shown('en', report)).toContain('- The uploaded file is empty (0 bytes): the download from SIECLE probably failed. Download it again.');
    expect(shown('fr', report)).toContain('- Le fichier déposé est vide (0 octet) : le téléchargement depuis SIECLE a sans doute échoué. Recommencez-le.');
  });

  test('lists the skipped students of a done import in the referent’s language', async () => {
    const { skipped } = await parse(fixture('student-errors.xml'));
    const report = { fileError: null, errors: [], skipped };

    const en = shown('en', report, 'imported');

    expect(en).toMatch(/Students skipped\n- Yanis MICHEL \(INE 0200000006F\): left the school on 15 Oct 2026, not imported\./);
    expect(en).not.toContain('non importé(e)');
    expect(shown('fr', report, 'imported')).toMatch(/Élèves ignorés\n- Yanis MICHEL \(INE 0200000006F\) : sorti\(e\) de l'établissement le 15\/10\/2026, non importé\(e\)\./);
  });

  test('still shows a report stored before the English texts existed, in French to everyone', () => {
    // Exactly as the import job stored it then: one French message per line, nothing else.
    const stored = JSON.parse(
      '{"fileError":{"code":"wrong_uaj","message":"Ce fichier est l\'export SIECLE de l\'établissement 0170001B, pas du vôtre (0860001A)."},' +
        '"errors":[{"ine":"0300000003C","line":3,"field":"Statut","code":"status_invalid","message":"Ligne 3, colonne « Statut » : « XX » : le statut est ST (élève) ou AP (apprenti)."}],' +
        '"skipped":[{"ine":null,"name":"Inès LAURENT","reason":"no_ine","message":"Inès LAURENT (ligne 117) : pas d\'INE (ID_NATIONAL vide), non importé(e)."}]}',
    ) as ImportReport;

    for (const lang of ['en', 'fr'] as const) {
      const text = shown(lang, stored);
      expect(text, lang).toContain("Ce fichier est l'export SIECLE de l'établissement 0170001B, pas du vôtre (0860001A).");
      expect(text, lang).toContain('Ligne 3, colonne « Statut » : « XX » : le statut est ST (élève) ou AP (apprenti).');
      expect(text, lang).toContain("Inès LAURENT (ligne 117) : pas d'INE (ID_NATIONAL vide), non importé(e).");
    }
    expect(shown('en', stored)).toMatch(/^SIECLE import refused/);
  });
});
