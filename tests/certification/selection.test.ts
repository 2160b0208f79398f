/**
 * Layer: domain (pure), on the test bank. The draw of a certification test: from the highest
 * validated skills, one skill each, other tubes first, challenges not seen before first.
 */
import { describe, expect, it } from 'vitest';
import type { KnowledgeElement } from '../../src/assessment/knowledge.js';
import { seededRandom } from '../../src/assessment/random.js';
import { drawCertificationChallenges } from '../../src/certification/selection.js';
import { loadFramework } from '../../src/framework/loader.js';
import { buildTestContent } from '../helpers/content-builder.js';
import { removeTempDir } from '../helpers/temp.js';

const dir = buildTestContent();
const framework = loadFramework(dir);
removeTempDir(dir);

const known = (...skills: string[]) => new Map(skills.map((skillId): [string, KnowledgeElement] => [skillId, { skillId, status: 'validated', source: 'direct', createdAt: new Date('2027-01-01') }]));
const draw = (knowledge: Map<string, KnowledgeElement>, seen: string[] = [], competenceId = '1.2') =>
  drawCertificationChallenges({ framework, competenceIds: [competenceId], knowledge, seen: new Set(seen), random: seededRandom(1) }).map((c) => c.id);

describe('drawing a certification test', () => {
  it('takes the highest validated skill of each tube before a second skill of one tube', () => {
    expect(draw(known('@alpha121', '@alpha122', '@alpha123', '@beta121', '@gamma121'))).toEqual(['c12-alpha-3-a', 'c12-beta-1-a', 'c12-gamma-1-a']);
  });

  it('with a single tube validated: its three highest skills', () => {
    expect(draw(known('@alpha121', '@alpha122', '@alpha123', '@alpha124'))).toEqual(['c12-alpha-4-a', 'c12-alpha-3-a', 'c12-alpha-2-a']);
  });

  it('at one level, skills whose challenge is not seen yet first', () => {
    // 1.1 has a fourth tube: four skills at level 2 for three places.
    const level2 = known('@alpha112', '@beta112', '@gamma112', '@types112');
    expect(draw(level2, [], '1.1')).toEqual(['c11-alpha-2-a', 'c11-beta-2-a', 'c11-gamma-2-a']);
    expect(draw(level2, ['c11-alpha-2-a'], '1.1')).toEqual(['c11-beta-2-a', 'c11-gamma-2-a', 'c11-types-2-qroc']);
  });

  it('up to 3: fewer when fewer skills are validated; none for an invalidated skill', () => {
    expect(draw(known('@alpha121'))).toEqual(['c12-alpha-1-a']);
    const mixed = known('@alpha121', '@beta121');
    mixed.set('@beta121', { skillId: '@beta121', status: 'invalidated', source: 'direct', createdAt: new Date('2027-01-02') });
    expect(draw(mixed)).toEqual(['c12-alpha-1-a']);
  });
});
