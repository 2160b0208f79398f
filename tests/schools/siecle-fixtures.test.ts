/**
 * Unit tests of the SIECLE reading over the shared fixtures: the same school exported three ways
 * (XML in ISO-8859-15, XML in UTF-8, CSV in Windows-1252) must give the same students.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SiecleStudent } from '../../src/schools/siecle/types.js';
import { fixture, parse, withTempDir } from './siecle-helpers.js';

/** What both layouts carry; sex (XML only) and a foreign birthplace's town (XML only) aside. */
function shared(student: SiecleStudent) {
  const { sex: _sex, birthCity: _city, groups: _groups, ...rest } = student;
  return rest;
}

describe('the three exports of the same 60 students', () => {
  it('read 54 current students from the ISO-8859-15 XML, with the letters only ISO-8859-15 has', async () => {
    const parsed = await parse(fixture('ElevesSansAdresses-60.xml'));

    expect(parsed).toMatchObject({ format: 'xml', encoding: 'ISO-8859-15', uaj: '0860001A', errors: [] });
    expect(parsed.students).toHaveLength(54);
    expect(parsed.students[0]).toEqual({
      ine: '0100000000A', lastName: 'CHÂTEAU', usageName: 'ŸVELIN', firstName: 'Hugo', secondFirstName: 'Inès',
      thirdFirstName: null, birthDate: '2014-07-28', sex: 'M', birthCountryCode: '100', birthDepartmentCode: '079',
      birthCityCode: '79191', birthCity: 'NIORT', mefCode: '10110001110', status: 'ST', division: '5D', groups: [],
    });
    const names = parsed.students.flatMap((s) => [s.firstName, s.lastName, s.usageName ?? '', s.secondFirstName ?? '']).join(' ');
    expect(names).toMatch(/Œ/);
    expect(names).toMatch(/Ÿ/);
    expect(names).toMatch(/œ/);
    expect(names).not.toMatch(/[\u0080-\u009f\ufffd]|Ã/);
  });

  it('report the 6 students not imported: 5 who left, 1 without a division', async () => {
    const { skipped } = await parse(fixture('ElevesSansAdresses-60.xml'));

    expect(skipped.map((s) => s.reason).sort()).toEqual(['left_school', 'left_school', 'left_school', 'left_school', 'left_school', 'no_division']);
    expect(skipped.find((s) => s.reason === 'no_division')).toMatchObject({ ine: '0100000014E', name: 'Héloïse ROBERT' });
    expect(skipped[0]?.message).toMatch(/sorti\(e\) de l'établissement le 15\/10\/2026/);
  });

  it('give the same students from the UTF-8 XML and from the Windows-1252 CSV', async () => {
    const [iso, utf8, csv] = await Promise.all([
      parse(fixture('ElevesSansAdresses-60.xml')),
      parse(fixture('ElevesSansAdresses-60-utf8.xml')),
      parse(fixture('eleves-60.csv')),
    ]);

    expect(utf8.encoding).toBe('UTF-8');
    expect(utf8.students).toEqual(iso.students);
    expect(csv).toMatchObject({ format: 'csv', encoding: 'windows-1252', uaj: null, errors: [], skipped: [] });
    expect(csv.students).toHaveLength(54);
    expect(csv.students.map(shared)).toEqual(iso.students.map(shared));
    expect(csv.students.every((s) => s.sex === null)).toBe(true);
  });

  it('keep groups (TYPE_STRUCTURE G) apart from the division', async () => {
    const { students } = await parse(fixture('ElevesSansAdresses-60.xml'));

    expect(students.find((s) => s.ine === '0100000001B')).toMatchObject({ division: '4B', groups: ['4B-ANG'] });
  });
});

describe('other shapes of the same data', () => {
  it('read the XML out of a zip, whatever the file is called', async () => {
    const direct = await parse(fixture('ElevesSansAdresses-60.xml'));

    const zipped = await parse(fixture('eleves-60.zip'), { fileName: 'export.xml' });

    expect(zipped).toEqual(direct);
  });

  it("ignore the copies macOS's archiver adds (__MACOSX/._*.xml)", async () => {
    const { students } = await parse(fixture('zip-macos.zip'));

    expect(students).toHaveLength(54);
  });

  it('join students and structures when STRUCTURES comes before ELEVES', async () => {
    const { students, errors } = await parse(fixture('structures-first.xml'));

    expect(errors).toEqual([]);
    expect(students.map((s) => [s.lastName, s.firstName, s.division, s.groups])).toEqual([
      ['BŒUF', 'Zoé', '5A', ['5A-ANG']],
      ['ŸVELIN', 'Cœlio', '5A', []],
      ["N'DIAYE", 'Aïcha', '4B', []],
    ]);
  });

  it.each([
    ['csv-utf8.csv', 'utf-8'],
    ['csv-mac-roman.csv', 'macintosh'],
    ['eleves-60.csv', 'windows-1252'],
  ])('read %s as %s, the first encoding in which its header reads right', async (name, encoding) => {
    const parsed = await parse(fixture(name));

    expect(parsed.encoding).toBe(encoding);
    expect(parsed.errors).toEqual([]);
    expect(parsed.students[0]).toMatchObject({ lastName: expect.stringMatching(/^(BŒUF|CHÂTEAU)$/), firstName: expect.stringMatching(/^(Zoé|Hugo)$/) });
  });

  it('find CSV columns in any order, with spaces, curly apostrophes and without stars, ignoring extra columns', async () => {
    const { students, errors } = await parse(fixture('csv-reordered.csv'));

    expect(errors).toEqual([]);
    expect(students).toEqual([
      {
        ine: '0300000001A', lastName: 'BŒUF', usageName: null, firstName: 'Zoé', secondFirstName: null, thirdFirstName: null,
        birthDate: '2013-03-12', sex: null, birthCountryCode: '100', birthDepartmentCode: '086', birthCityCode: '86194',
        birthCity: 'POITIERS', mefCode: '10110001110', status: 'ST', division: '5A', groups: [],
      },
    ]);
  });

  it('store names composed (NFC) when a Mac wrote them decomposed', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'nfd.xml');
      const xml = await readFile(fixture('ElevesSansAdresses-60-utf8.xml'), 'utf8');
      await writeFile(path, xml.normalize('NFD'));

      const { students } = await parse(path);

      expect(students[0]?.secondFirstName).toBe('Inès'.normalize('NFC'));
      expect(students[0]?.lastName).toBe('CHÂTEAU');
    });
  });

  it('decide by the bytes, not the name: an XML called .csv is read as XML', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'upload.bin');
      await copyFile(fixture('ElevesSansAdresses-60.xml'), path);

      const parsed = await parse(path, { fileName: 'eleves.csv' });

      expect(parsed.format).toBe('xml');
    });
  });
});
