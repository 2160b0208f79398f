/** Unit tests of reconciliation (spec §7): one rule per test, with candidates built by a builder. */
import { describe, expect, it } from 'vitest';
import { normalizeName, reconcile, type ReconciliationCandidate } from '../../src/schools/reconciliation.js';

let nextId = 1;
function candidate(overrides: Partial<ReconciliationCandidate> = {}): ReconciliationCandidate {
  return {
    id: `student-${nextId++}`, firstName: 'Léa', secondFirstName: null, thirdFirstName: null,
    lastName: 'MARTIN', usageName: null, birthDate: '2013-03-12', linkedUserId: null, ...overrides,
  };
}

const BIRTH = '2013-03-12';

describe('normalizeName', () => {
  it.each([
    ['  Léa ', 'lea'],
    ['MARTIN', 'martin'],
    ['Anne-Sophie', 'annesophie'],
    ["N'Diaye", 'ndiaye'],
    ['Le Gall', 'legall'],
    ['Œuvrard', 'oeuvrard'],
    ['Lætitia-Roux', 'laetitiaroux'],
    ['ŸVELIN', 'yvelin'],
    ['Müller', 'muller'],
    ['Cœlio', 'coelio'],
    ['Jean\u00a0Baptiste', 'jeanbaptiste'],
    ['Louis XIV 2', 'louisxiv2'],
    ['Le\u0301a', 'lea'], // é written decomposed
  ])('%j → %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });
});

describe('reconcile', () => {
  it('matches the one student with that name and birth date, accents and case aside', () => {
    const lea = candidate({ firstName: 'Léa', lastName: 'BŒUF' });

    const result = reconcile({ firstName: 'lea', lastName: 'Boeuf', birthDate: BIRTH, candidates: [candidate({ firstName: 'Zoé' }), lea] });

    expect(result).toEqual({ kind: 'match', candidate: lea });
  });

  it('accepts the usage name instead of the family name', () => {
    const lea = candidate({ lastName: 'MARTIN', usageName: 'DUBOIS' });

    expect(reconcile({ firstName: 'Léa', lastName: 'Dubois', birthDate: BIRTH, candidates: [lea] })).toEqual({ kind: 'match', candidate: lea });
  });

  it('accepts the second or third first name', () => {
    const lea = candidate({ firstName: 'Marie', secondFirstName: 'Léa', thirdFirstName: 'Anaïs' });

    expect(reconcile({ firstName: 'Lea', lastName: 'Martin', birthDate: BIRTH, candidates: [lea] })).toMatchObject({ kind: 'match' });
    expect(reconcile({ firstName: 'Anais', lastName: 'Martin', birthDate: BIRTH, candidates: [lea] })).toMatchObject({ kind: 'match' });
  });

  it('tolerates one typo in a long enough name (at most a quarter of the typed letters)', () => {
    const student = candidate({ firstName: 'Jean-Baptiste', lastName: 'LEFÈVRE' });

    expect(reconcile({ firstName: 'Jean Batiste', lastName: 'Lefevre', birthDate: BIRTH, candidates: [student] })).toEqual({ kind: 'match', candidate: student });
    expect(reconcile({ firstName: 'Jean-Baptiste', lastName: 'Lefebvre', birthDate: BIRTH, candidates: [student] })).toEqual({ kind: 'match', candidate: student });
  });

  it('refuses more typos than that', () => {
    const student = candidate({ firstName: 'Léa', lastName: 'MARTIN' });

    // "Lia": 1 edit in 3 letters, over a quarter.
    expect(reconcile({ firstName: 'Lia', lastName: 'Martin', birthDate: BIRTH, candidates: [student] })).toEqual({ kind: 'none' });
    expect(reconcile({ firstName: 'Léa', lastName: 'Marton', birthDate: BIRTH, candidates: [student] })).toEqual({ kind: 'match', candidate: student });
    expect(reconcile({ firstName: 'Léa', lastName: 'Mortan', birthDate: BIRTH, candidates: [student] })).toEqual({ kind: 'none' });
  });

  it('is ambiguous when two students match exactly (twins with the same first name in another slot)', () => {
    const twins = [candidate({ firstName: 'Léa', secondFirstName: 'Zoé' }), candidate({ firstName: 'Zoé', secondFirstName: 'Léa' })];

    expect(reconcile({ firstName: 'Léa', lastName: 'Martin', birthDate: BIRTH, candidates: twins })).toEqual({ kind: 'ambiguous', count: 2 });
  });

  it('is ambiguous when two students are equally close', () => {
    const two = [candidate({ lastName: 'MARTINS' }), candidate({ lastName: 'MARTINE' })];

    expect(reconcile({ firstName: 'Léa', lastName: 'Martin', birthDate: BIRTH, candidates: two })).toEqual({ kind: 'ambiguous', count: 2 });
  });

  it('prefers the exact match: the tolerant pass only runs when nobody matches exactly', () => {
    const exact = candidate({ firstName: 'Louis', lastName: 'MARTIN' });
    const close = candidate({ firstName: 'Louise', lastName: 'MARTIN' });

    expect(reconcile({ firstName: 'Louis', lastName: 'Martin', birthDate: BIRTH, candidates: [close, exact] })).toEqual({ kind: 'match', candidate: exact });
  });

  it('finds nobody with another birth date, even if the caller passed them', () => {
    const lea = candidate({ birthDate: '2013-03-13' });

    expect(reconcile({ firstName: 'Léa', lastName: 'Martin', birthDate: BIRTH, candidates: [lea] })).toEqual({ kind: 'none' });
  });

  it('needs both names: the right first name with another last name is nobody', () => {
    expect(reconcile({ firstName: 'Léa', lastName: 'Dupont', birthDate: BIRTH, candidates: [candidate()] })).toEqual({ kind: 'none' });
  });

  it('finds nobody for names that normalise to nothing, rather than everybody', () => {
    expect(reconcile({ firstName: ' - ', lastName: 'Martin', birthDate: BIRTH, candidates: [candidate()] })).toEqual({ kind: 'none' });
  });

  it('leaves linked records to the caller: a linked match is still a match', () => {
    const linked = candidate({ linkedUserId: 'user-9' });

    expect(reconcile({ firstName: 'Léa', lastName: 'Martin', birthDate: BIRTH, candidates: [linked] })).toEqual({ kind: 'match', candidate: linked });
  });
});
