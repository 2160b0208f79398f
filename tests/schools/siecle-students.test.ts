/**
 * Unit tests of the per-student rules of spec §6: problems are collected over the whole file, each
 * with its INE, line and field; skipped students are reported; a student with a problem is left out.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_HEADER_LINE } from '../../src/schools/siecle/csv.js';
import { writeSiecleExport } from '../../src/dev/siecle-export.js';
import { fixture, parse, withTempDir } from './siecle-helpers.js';

describe('XML students', () => {
  it('collects every problem of the file, each with its INE, line and element', async () => {
    const { errors } = await parse(fixture('student-errors.xml'));

    expect(errors.map(({ ine, line, field, code }) => ({ ine, line, field, code }))).toEqual([
      { ine: '0200000002B', line: 27, field: 'DATE_NAISS', code: 'birth_date_missing' },
      { ine: '0200000003C', line: 45, field: 'DATE_NAISS', code: 'birth_date_invalid' },
      { ine: '0200000004D', line: 63, field: 'CODE_SEXE', code: 'sex_missing' },
      { ine: '0200000005E', line: 81, field: 'CODE_COMMUNE_INSEE_NAISS', code: 'birth_city_code_missing' },
    ]);
    expect(errors[1]?.message).toBe(
      'Élève Théo MOREAU (INE 0200000003C), ligne 45 : date de naissance « 31/02/2013 » invalide (attendu jj/mm/aaaa, date existante).',
    );
    expect(errors[1]?.messageEn).toBe(
      'Student Théo MOREAU (INE 0200000003C), line 45: birth date “31/02/2013” invalid (expected dd/mm/yyyy, a date that exists).',
    );
  });

  it('keeps only the students without problems, a birth abroad needing no commune', async () => {
    const { students } = await parse(fixture('student-errors.xml'));

    expect(students.map((s) => s.ine)).toEqual(['0200000001A', '0200000009J']);
    expect(students[1]).toMatchObject({ birthCountryCode: '109', birthCityCode: null, birthCity: 'LONDRES', sex: 'M' });
  });

  it('skips, and reports why, a student who left, one without INE and one without division (a group is not one)', async () => {
    const { skipped } = await parse(fixture('student-errors.xml'));

    expect(skipped.map(({ ine, name, reason }) => ({ ine, name, reason }))).toEqual([
      { ine: '0200000006F', name: 'Yanis MICHEL', reason: 'left_school' },
      { ine: null, name: 'Inès LAURENT', reason: 'no_ine' },
      { ine: '0200000008H', name: 'Gaël PETIT', reason: 'no_division' },
    ]);
    expect(skipped[1]?.message).toMatch(/ligne 117.*ID_NATIONAL vide/);
  });

  it('says why a student is skipped in French and in English, the English date written yyyy-mm-dd', async () => {
    const { skipped } = await parse(fixture('student-errors.xml'));

    expect(skipped.map(({ message, messageEn }) => [message, messageEn])).toEqual([
      [
        "Yanis MICHEL (INE 0200000006F) : sorti(e) de l'établissement le 15/10/2026, non importé(e).",
        'Yanis MICHEL (INE 0200000006F): left the school on 15 Oct 2026, not imported.',
      ],
      [
        "Inès LAURENT (ligne 117) : pas d'INE (ID_NATIONAL vide), non importé(e) ; il ou elle le sera quand SIECLE lui aura attribué un INE.",
        'Inès LAURENT (line 117): no INE (ID_NATIONAL empty), not imported; they will be imported once SIECLE has given them an INE.',
      ],
      [
        'Gaël PETIT (INE 0200000008H) : dans aucune division (classe) dans SIECLE, non importé(e).',
        'Gaël PETIT (INE 0200000008H): not in any division (class) in SIECLE, not imported.',
      ],
    ]);
  });

  it('refuses both students sharing an INE and says where the other one is', async () => {
    const { students, errors } = await parse(fixture('duplicate-ines.xml'));

    expect(students.map((s) => s.ine)).toEqual(['0123456790B', '0123456791C']);
    expect(errors).toEqual([
      {
        ine: '0123456789A', line: 45, field: 'ID_NATIONAL', code: 'ine_duplicate',
        message: "Ligne 45 : l'INE 0123456789A (Lena MARTIN) figure plusieurs fois dans le fichier (aussi ligne 9). Chaque élève ne doit y figurer qu'une fois.",
        messageEn: 'Line 45: INE 0123456789A (Lena MARTIN) appears several times in the file (also line 9). Each student must appear only once.',
      },
    ]);
  });

  it('reports a file with no student to import', async () => {
    const { students, errors } = await parse(fixture('no-student.xml'));

    expect(students).toEqual([]);
    expect(errors).toMatchObject([
      {
        ine: null, line: null, code: 'no_student',
        message: expect.stringMatching(/Aucun élève à importer/),
        messageEn: 'No student to import: the only student in the file has left the school, or has no INE or no division.',
      },
    ]);
  });

  it('refuses a sex code other than 1 or 2, and a name over 255 characters', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'eleves.xml');
      // Byte for byte (latin1 both ways) so the ISO-8859-15 file stays so; 0xBC is its Œ.
      const xml = await readFile(fixture('structures-first.xml'), 'latin1');
      await writeFile(path, xml.replace('<CODE_SEXE>2</CODE_SEXE>', '<CODE_SEXE>F</CODE_SEXE>').replace('B\xbcUF', 'B'.repeat(256)), 'latin1');

      const { errors, students } = await parse(path);

      expect(errors.map(({ field, code }) => [field, code])).toEqual([
        ['NOM_DE_FAMILLE', 'too_long'],
        ['CODE_SEXE', 'sex_invalid'],
      ]);
      expect(students).toHaveLength(1);
    });
  });
});

describe('CSV rows', () => {
  it('names the line (data row index + 2) and the column of each problem', async () => {
    const { errors, students } = await parse(fixture('csv-row-errors.csv'));

    expect(errors.map(({ line, field, code }) => [line, field, code])).toEqual([
      [3, 'Identifiant unique', 'ine_missing'],
      [4, 'Premier prénom', 'required'],
      [5, 'Date de naissance (jj/mm/aaaa)', 'birth_date_missing'],
      [6, 'Code commune naissance', 'birth_city_code_missing'],
      [7, 'Code pays naissance', 'country_code_invalid'],
      [8, 'Statut', 'status_invalid'],
      [9, 'Division', 'required'],
      [11, 'Identifiant unique', 'ine_duplicate'],
    ]);
    expect(students).toEqual([
      expect.objectContaining({ ine: '0400000011B', birthCountryCode: '109', birthDepartmentCode: null, birthCityCode: null }),
    ]);
  });

  it('refuses an impossible date and keeps the other rows', async () => {
    const { errors, students } = await parse(fixture('csv-bad-date.csv'));

    expect(errors).toEqual([
      {
        ine: '0300000003C', line: 3, field: 'Date de naissance (jj/mm/aaaa)', code: 'birth_date_invalid',
        message: "Ligne 3, colonne « Date de naissance (jj/mm/aaaa) » : « 30/02/2013 » n'est pas une date valide au format jj/mm/aaaa.",
        // The column keeps its French title: it is what the referent finds in the file.
        messageEn: 'Line 3, column “Date de naissance (jj/mm/aaaa)”: “30/02/2013” is not a valid date in the format dd/mm/yyyy (day/month/year).',
      },
    ]);
    expect(students.map((s) => [s.ine, s.birthDate, s.status])).toEqual([
      ['0300000001A', '2013-03-12', 'ST'],
      ['0300000002B', '2012-06-05', 'AP'],
    ]);
  });

  it('flags over-long fields, stray columns and rows in another encoding than the header', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'eleves.csv');
      const row = (ine: string, first: string, extra = '') => `${ine};${first};;;MARTIN;;01/02/2013;86194;POITIERS;086;99100;ST;10110001110;3B${extra}`;
      await writeFile(path, Buffer.concat([
        Buffer.from(`${CSV_HEADER_LINE}\n${row('0500000001A', 'L'.repeat(256))}\n${row('0500000002B', 'Léa', ';Jean')}\n`, 'utf8'),
        Buffer.from(`${row('0500000003C', 'Léa')}\n`, 'latin1'),
      ]));

      const { errors, encoding } = await parse(path);

      expect(encoding).toBe('utf-8');
      expect(errors.map(({ line, field, code }) => [line, field, code])).toEqual([
        [2, 'Premier prénom', 'too_long'],
        [3, null, 'column_count'],
        [4, 'Premier prénom', 'invalid_characters'],
      ]);
    });
  });

  it('reports a CSV with a header and no row', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'eleves.csv');
      await writeFile(path, `${CSV_HEADER_LINE}\r\n`);

      const { errors } = await parse(path);

      expect(errors).toMatchObject([{ code: 'no_student', message: 'Le fichier ne contient aucun élève.', messageEn: 'The file contains no student.' }]);
    });
  });
});

describe('the INE format', () => {
  const RULE_FR = '11 caractères : 10 chiffres et une lettre, ou 9 chiffres et deux lettres';
  const RULE_EN = '11 characters: 10 digits and a letter, or 9 digits and two letters';

  it('is an error of the student in an XML export, in French and English; 9 digits and 2 letters is an INE too', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'ElevesSansAdresses.xml');
      const xml = await readFile(fixture('ElevesSansAdresses-60-utf8.xml'), 'utf8');
      await writeFile(
        path,
        xml
          .replace('<ID_NATIONAL>0100000000A</ID_NATIONAL>', '<ID_NATIONAL>12345</ID_NATIONAL>')
          .replace('<ID_NATIONAL>0100000001B</ID_NATIONAL>', '<ID_NATIONAL>010000001BC</ID_NATIONAL>'),
      );

      const { errors, students } = await parse(path);

      expect(errors.map(({ ine, line, field, code }) => ({ ine, line, field, code }))).toEqual([{ ine: '12345', line: 11, field: 'ID_NATIONAL', code: 'ine_invalid' }]);
      expect(errors[0]!.message).toBe(`Élève Hugo CHÂTEAU (INE 12345), ligne 11 : INE « 12345 » invalide (${RULE_FR}).`);
      expect(errors[0]!.messageEn).toBe(`Student Hugo CHÂTEAU (INE 12345), line 11: INE “12345” invalid (${RULE_EN}).`);
      expect(students.map((s) => s.ine)).toContain('010000001BC');
      expect(students.map((s) => s.ine)).not.toContain('12345');
    });
  });

  it('is an error of the row in a CSV, whatever the row holds', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'eleves.csv');
      const row = (ine: string) => `${ine};Léa;;;MARTIN;;01/02/2013;86194;POITIERS;086;99100;ST;10110001110;3B`;
      await writeFile(path, `${CSV_HEADER_LINE}\n${row('0500000001A')}\n${row('=1+1')}\n${row('05000000012')}\n${row('0500000001ABC')}\n`);

      const { errors } = await parse(path);

      expect(errors.map(({ line, field, code, ine }) => [line, field, code, ine])).toEqual([
        [3, 'Identifiant unique', 'ine_invalid', '=1+1'],
        [4, 'Identifiant unique', 'ine_invalid', '05000000012'],
        [5, 'Identifiant unique', 'ine_invalid', '0500000001ABC'],
      ]);
      expect(errors[0]!.message).toBe(`Ligne 3, colonne « Identifiant unique » : « =1+1 » n'est pas un INE (${RULE_FR}).`);
      expect(errors[0]!.messageEn).toBe(`Line 3, column “Identifiant unique”: “=1+1” is not an INE (${RULE_EN}).`);
    });
  });
});

describe('bigger generated exports', () => {
  it('read 3,000 students in XML and CSV alike, with the duplicates the generator planted', async () => {
    await withTempDir(async (dir) => {
      const common = { students: 3000, seed: 7, shares: { duplicateIne: 0.01 } };
      const { path: xmlPath, current } = await writeSiecleExport({ ...common, format: 'xml', out: join(dir, 'ElevesSansAdresses.xml') });
      const { path: csvPath } = await writeSiecleExport({ ...common, format: 'csv', out: join(dir, 'eleves.csv') });

      const [xml, csv] = await Promise.all([parse(xmlPath), parse(csvPath)]);

      const duplicates = xml.errors.filter((e) => e.code === 'ine_duplicate');
      expect(duplicates.length).toBeGreaterThan(0);
      expect(xml.errors.every((e) => e.code === 'ine_duplicate')).toBe(true);
      // The generator plants pairs: both members of a pair are left out, one error for each pair.
      expect(xml.students.length + duplicates.length * 2).toBe(current);
      expect(new Set(xml.students.map((s) => s.ine)).size).toBe(xml.students.length);
      expect(csv.students.map((s) => s.ine)).toEqual(xml.students.map((s) => s.ine));
      expect(csv.errors.map((e) => e.ine)).toEqual(duplicates.map((e) => e.ine));
    });
  });
});
