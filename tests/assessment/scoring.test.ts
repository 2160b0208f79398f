import { describe, expect, it } from 'vitest';
import { UnknownCompetenceError } from '../../src/assessment/errors.js';
import type { KnowledgeElement } from '../../src/assessment/knowledge.js';
import { scoreCompetence, scoreProfile } from '../../src/assessment/scoring.js';
import { PIX_PER_LEVEL, type Framework } from '../../src/framework/model.js';
import { buildFramework, type TubeSpec } from './builders.js';

const at = (iso: string) => new Date(iso);
const validated = (...skillIds: string[]): KnowledgeElement[] =>
  skillIds.map((skillId) => ({ skillId, status: 'validated', source: 'direct', createdAt: at('2025-01-01') }));
const allSkills = (framework: Framework, competenceId: string) =>
  [...framework.skills.values()].filter((s) => s.competenceId === competenceId).map((s) => s.id);
const tubes = (count: number, levels: number[]): TubeSpec[] => Array.from({ length: count }, (_, i) => ({ name: `@sujet${i}`, levels }));

describe('scoreCompetence', () => {
  it('shares 8 pix between the skills of a level and floors the sum (N = 3 → 8/3 each)', () => {
    const framework = buildFramework({ id: '1.1', tubes: tubes(3, [1]) });
    expect(framework.skills.get('@sujet01')!.pixValue).toBeCloseTo(8 / 3);
    const score = (...ids: string[]) => scoreCompetence({ framework, competenceId: '1.1', knowledge: validated(...ids), maxLevel: 5 });
    expect(score('@sujet01')).toMatchObject({ pix: 2, level: 0, pixInLevel: 2 });
    expect(score('@sujet01', '@sujet11')).toMatchObject({ pix: 5, level: 0, pixInLevel: 5 });
    expect(score('@sujet01', '@sujet11', '@sujet21')).toEqual({ competenceId: '1.1', pix: 8, level: 1, pixInLevel: 0, maxPix: 40 });
  });

  it('does not lose a pix to float rounding (N = 7)', () => {
    const framework = buildFramework({ id: '1.1', tubes: tubes(7, [1]) });
    const score = scoreCompetence({ framework, competenceId: '1.1', knowledge: validated(...allSkills(framework, '1.1')), maxLevel: 5 });
    expect(score).toMatchObject({ pix: 8, level: 1 });
  });

  it('gives a lone skill 4 pix, not 8', () => {
    const framework = buildFramework({ id: '1.1', tubes: tubes(1, [1, 2]) });
    const score = scoreCompetence({ framework, competenceId: '1.1', knowledge: validated('@sujet01', '@sujet02'), maxLevel: 5 });
    expect(score).toMatchObject({ pix: 8, level: 1, pixInLevel: 0 });
  });

  it('caps pix and level at the highest reachable level', () => {
    const framework = buildFramework({ id: '1.1', tubes: tubes(2, [1, 2, 3, 4, 5, 6, 7, 8]) });
    const knowledge = validated(...allSkills(framework, '1.1'));
    expect(scoreCompetence({ framework, competenceId: '1.1', knowledge, maxLevel: 5 })).toEqual({
      competenceId: '1.1',
      pix: 40,
      level: 5,
      pixInLevel: 0,
      maxPix: 40,
    });
    expect(scoreCompetence({ framework, competenceId: '1.1', knowledge, maxLevel: 8 })).toMatchObject({ pix: 64, level: 8, maxPix: 64 });
  });

  it('counts only validated skills of the competence, latest element per skill', () => {
    const framework = buildFramework({ id: '1.1', tubes: tubes(2, [1, 2]) }, { id: '2.1', tubes: [{ name: '@autre', levels: [1] }] });
    const knowledge: KnowledgeElement[] = [
      ...validated('@sujet01', '@autre1'),
      { skillId: '@sujet11', status: 'invalidated', source: 'inferred', createdAt: at('2025-01-01') },
      { skillId: '@sujet02', status: 'validated', source: 'direct', createdAt: at('2025-01-01') },
      { skillId: '@sujet02', status: 'invalidated', source: 'direct', createdAt: at('2025-02-01') },
      { skillId: '@retire9', status: 'validated', source: 'direct', createdAt: at('2025-01-01') },
    ];
    expect(scoreCompetence({ framework, competenceId: '1.1', knowledge, maxLevel: 5 })).toMatchObject({ pix: 4, level: 0 });
  });

  it('refuses an unknown competence', () => {
    const framework = buildFramework({ id: '1.1', tubes: tubes(1, [1]) });
    expect(() => scoreCompetence({ framework, competenceId: '9.9', knowledge: [], maxLevel: 5 })).toThrow(UnknownCompetenceError);
  });
});

describe('scoreProfile', () => {
  it('sums the competences, each capped, out of 8 × highest level per competence', () => {
    const framework = buildFramework(
      { id: '1.1', tubes: tubes(2, [1, 2, 3, 4, 5, 6]) },
      { id: '2.1', tubes: [{ name: '@autre', levels: [1, 2] }, { name: '@encore', levels: [1] }] },
    );
    const knowledge = validated(...allSkills(framework, '1.1'), '@autre1', '@encore1', '@autre2');
    const profile = scoreProfile({ framework, knowledge, maxLevel: 5 });
    expect(profile.competences.map((c) => [c.competenceId, c.pix, c.level])).toEqual([
      ['1.1', 40, 5],
      ['2.1', 12, 1],
    ]);
    expect(profile.totalPix).toBe(52);
    expect(profile.maxPix).toBe(2 * 5 * PIX_PER_LEVEL);
  });
});
