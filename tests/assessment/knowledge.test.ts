import { describe, expect, it } from 'vitest';
import { inferKnowledge, type KnowledgeElement } from '../../src/assessment/knowledge.js';
import { UnknownSkillError } from '../../src/assessment/unknown-skill-error.js';
import { buildFramework } from './builders.js';

const framework = buildFramework({
  id: '1.1',
  tubes: [
    { name: '@recherche', levels: [1, 2, 3, 5] },
    { name: '@tri', levels: [1, 2, 3] },
  ],
});
const now = new Date('2025-03-01T10:00:00Z');
const infer = (skillId: string, success: boolean, current: ReadonlyMap<string, KnowledgeElement> = new Map()) =>
  inferKnowledge({ framework, skillId, success, current, now });
const summary = (elements: KnowledgeElement[]) => elements.map((e) => `${e.skillId} ${e.status} ${e.source}`);
const known = (...elements: Array<[string, KnowledgeElement['status']]>) =>
  new Map(elements.map(([skillId, status]) => [skillId, { skillId, status, source: 'direct' as const, createdAt: new Date(0) }]));

describe('inferKnowledge', () => {
  it('a success validates the skill and every easier skill of its tube, direct first', () => {
    expect(summary(infer('@recherche3', true))).toEqual([
      '@recherche3 validated direct',
      '@recherche1 validated inferred',
      '@recherche2 validated inferred',
    ]);
  });

  it('a failure invalidates the skill and every harder skill of its tube, even across a missing level', () => {
    expect(summary(infer('@recherche2', false))).toEqual([
      '@recherche2 invalidated direct',
      '@recherche3 invalidated inferred',
      '@recherche5 invalidated inferred',
    ]);
  });

  it('touches no other tube and dates every element', () => {
    const elements = infer('@tri3', true);
    expect(elements.every((e) => e.skillId.startsWith('@tri') && e.createdAt === now)).toBe(true);
  });

  it('an answer on an already decided skill changes nothing', () => {
    expect(infer('@recherche3', false, known(['@recherche3', 'validated']))).toEqual([]);
    expect(infer('@recherche1', true, known(['@recherche1', 'invalidated']))).toEqual([]);
  });

  it('leaves decided skills of the tube alone', () => {
    const current = known(['@recherche1', 'invalidated'], ['@recherche5', 'validated']);
    expect(summary(infer('@recherche3', true, current))).toEqual(['@recherche3 validated direct', '@recherche2 validated inferred']);
    expect(summary(infer('@recherche2', false, current))).toEqual(['@recherche2 invalidated direct', '@recherche3 invalidated inferred']);
  });

  it('refuses a skill the framework does not hold', () => {
    expect(() => infer('@inconnu1', true)).toThrow(UnknownSkillError);
  });
});
