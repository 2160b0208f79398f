/** Layer: domain. The one-line form of a new campaign, and the campaign code (spec §8). */
import { describe, expect, it } from 'vitest';
import { CAMPAIGN_CODE, newCampaignCode, normalizeCampaignCode } from '../../src/campaigns/code.js';
import { CampaignLineError } from '../../src/campaigns/errors.js';
import { isCampaignLine, parseCampaignLine, parseDay } from '../../src/campaigns/line-parser.js';

const problem = (line: string) => {
  try {
    parseCampaignLine(line);
  } catch (error) {
    if (error instanceof CampaignLineError) return [error.problem, error.word];
    throw error;
  }
  return null;
};

describe('the one-line campaign', () => {
  it('reads the issue’s example: name, five competences, two classes', () => {
    expect(parseCampaignLine('campagne "Bilan 4e" 1.1 2.1 3.1 4.1 5.1 classes 4A 4B')).toEqual({
      name: 'Bilan 4e',
      type: 'assessment',
      targetName: null,
      competences: ['1.1', '2.1', '3.1', '4.1', '5.1'].map((id) => ({ id, level: null })),
      level: null,
      divisions: ['4A', '4B'],
      deadline: null,
      multipleSendings: false,
      title: null,
    });
  });

  it('reads the English form, a ready-made target, a deadline, several sendings and a title', () => {
    const line = parseCampaignLine('campaign “SNT check” snt class 2A until 30/06/2026 multiple title "Début d’année"');
    expect(line).toMatchObject({ name: 'SNT check', targetName: 'snt-seconde', divisions: ['2A'], deadline: '2026-06-30', multipleSendings: true, title: 'Début d’année' });
  });

  it('takes an unquoted name up to the first competence, per-competence levels, a common level and a profile collection', () => {
    expect(parseCampaignLine('nouvelle campagne Bilan de mi-année 1.1:3 2.2 niveau 2 classes 5A')).toMatchObject({
      name: 'Bilan de mi-année',
      competences: [{ id: '1.1', level: 3 }, { id: '2.2', level: null }],
      level: 2,
      divisions: ['5A'],
    });
    expect(parseCampaignLine('campagne «Profils 3e» collecte classes 3A 3B')).toMatchObject({ name: 'Profils 3e', type: 'profile_collection', competences: [], divisions: ['3A', '3B'] });
  });

  it('keeps an unknown competence code for the use case to refuse with the others', () => {
    expect(parseCampaignLine('campagne X 9.9 1.1 classes 4A').competences.map((c) => c.id)).toEqual(['9.9', '1.1']);
  });

  it('refuses what it cannot read, naming the word', () => {
    expect(problem('campagne')).toEqual(['no_name', null]);
    expect(problem('campagne 1.1 classes 4A')).toEqual(['no_name', null]);
    expect(problem('campagne "Bilan 1.1 classes 4A')).toEqual(['unclosed_quote', null]);
    expect(problem('campagne "Bilan" 1.1 banane classes 4A')).toEqual(['unknown_word', 'banane']);
    expect(problem('campagne "Bilan" 1.1 classes 4A jusqu’au 31/02/2026')).toEqual(['bad_date', '31/02/2026']);
    expect(problem('campagne "Bilan" 1.1 classes 4A until')).toEqual(['no_date', null]);
    expect(problem('campagne "Bilan" 1.1:9 classes 4A')).toEqual(['bad_level', '9']);
  });

  it('knows a campaign line from other messages', () => {
    expect(isCampaignLine('Campagne "x"')).toBe(true);
    expect(isCampaignLine('new campaign')).toBe(true);
    expect(isCampaignLine('campagnes')).toBe(false);
    expect(isCampaignLine('profil')).toBe(false);
  });

  it('reads days in both formats, and only days that exist', () => {
    expect(parseDay('1/3/2026')).toBe('2026-03-01');
    expect(parseDay('2026-03-01')).toBe('2026-03-01');
    expect(parseDay('2026-02-29')).toBeNull();
    expect(parseDay('demain')).toBeNull();
  });
});

describe('the campaign code', () => {
  it('is 6 letters without I, L, O and 3 digits from 2 to 9', () => {
    const codes = Array.from({ length: 500 }, () => newCampaignCode());
    for (const code of codes) expect(code).toMatch(CAMPAIGN_CODE);
    expect(codes.join('')).not.toMatch(/[ILO01]/);
    expect(new Set(codes).size).toBeGreaterThan(495);
  });

  it('is accepted with spaces, dashes and in lower case, and refused when it cannot be one', () => {
    expect(normalizeCampaignCode(' qzw bpk 347 ')).toBe('QZWBPK347');
    expect(normalizeCampaignCode('QZW-BPK-347')).toBe('QZWBPK347');
    expect(normalizeCampaignCode('QZWBPK341')).toBeNull();
    expect(normalizeCampaignCode('QZWBPO347')).toBeNull();
    expect(normalizeCampaignCode('QZWBPK34')).toBeNull();
  });
});
