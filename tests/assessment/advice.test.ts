import { describe, expect, it } from 'vitest';
import { adviceFor } from '../../src/assessment/advice.js';
import type { KnowledgeElement } from '../../src/assessment/knowledge.js';
import { buildFramework, regularCompetence } from './builders.js';

const framework = buildFramework(regularCompetence());
const element = (skillId: string, status: KnowledgeElement['status'], source: KnowledgeElement['source']): [string, KnowledgeElement] => [
  skillId,
  { skillId, status, source, createdAt: new Date(0) },
];

describe('advice after a test', () => {
  it('points, per tube, to the easiest skill not mastered, whether failed or inferred so', () => {
    const knowledge = new Map([
      element('@alpha111', 'validated', 'direct'),
      element('@alpha112', 'validated', 'inferred'),
      element('@alpha113', 'invalidated', 'inferred'),
      element('@alpha114', 'invalidated', 'direct'),
      element('@beta113', 'invalidated', 'direct'),
    ]);
    expect(adviceFor(framework, '1.1', knowledge).map((a) => a.skill.id)).toEqual(['@alpha113', '@beta113']);
  });

  it('says nothing of a tube the test did not reach', () => {
    expect(adviceFor(framework, '1.1', new Map([element('@gamma111', 'validated', 'direct')]))).toEqual([]);
  });
});
