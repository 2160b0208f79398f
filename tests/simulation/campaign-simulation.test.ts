/** Layer: simulation. A campaign played on simulated students: its length adds up, and a flawless student is measured exactly. */
import { describe, expect, it } from 'vitest';
import { smartRandom } from '../../src/adaptive/smart-random.js';
import { campaignMarkdown, simulateCampaign } from '../../src/simulation/campaign-simulation.js';
import { DEFAULT_POPULATION, NOISE_SETTINGS } from '../../src/simulation/simulated-population.js';
import { buildFramework, regularCompetence } from '../assessment/builders.js';

const framework = buildFramework(...['1.1', '2.1', '3.1'].map((id) => regularCompetence(id)));
const run = (noise: string, level = 5) =>
  simulateCampaign({
    label: 'trois',
    framework,
    strategy: smartRandom,
    targets: ['1.1', '2.1', '3.1'].map((competenceId) => ({ competenceId, level })),
    population: DEFAULT_POPULATION,
    noise: NOISE_SETTINGS[noise]!,
    students: 40,
    seed: 3,
    highestLevel: 5,
  });

describe('a simulated campaign', () => {
  it('asks, on average, the sum of its competence tests; p90 and max bound the mean', () => {
    const f = run('slip-0.1');
    expect(f.meanAsked).toBeCloseTo(f.perCompetence.reduce((s, c) => s + c.campaignMeanAsked, 0), 9);
    expect(f.p90Asked).toBeGreaterThanOrEqual(Math.floor(f.meanAsked));
    expect(f.maxAsked).toBeGreaterThanOrEqual(f.p90Asked);
  });

  it('measures flawless students exactly, level and mastery, in the campaign as in separate tests', () => {
    const f = run('none', 3);
    for (const c of f.perCompetence) {
      expect(c.campaignExact).toBe(1);
      expect(c.separateExact).toBe(1);
      expect(c.campaignMasteryError).toBe(0);
    }
    expect(f.masteryError).toBe(0);
  });

  it('with slips and guesses, is no longer always exact, and says so in its tables', () => {
    const f = run('slip-0.2');
    expect(f.masteryError).toBeGreaterThan(0);
    expect(campaignMarkdown([f], 'slip-0.2', 'partix simulate campaign')).toContain('| trois | 3 | 40 |');
  });
});
