/**
 * The discovery test ("découvrir"): a handful of easy challenges from different competences, to see how
 * Partix works. It is drawn once from the test's seed, so a resumed test asks the same sequence.
 */
import type { Challenge, Framework } from '../framework/model.js';
import { preferUnseen } from './measured.js';
import { seededRandom } from './random.js';

const DISCOVERY_MAX_LEVEL = 2;

/** `seen`: challenges answered before this test started (fixed while it runs, so a resumed test asks the same sequence). */
export function discoveryChallenges(framework: Framework, seed: number, length: number, seen?: ReadonlySet<string>): Challenge[] {
  const random = seededRandom(seed >>> 0);
  const shuffle = <T>(items: T[]): T[] => {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  const picked: Challenge[] = [];
  for (const competenceId of shuffle([...framework.competences.keys()])) {
    if (picked.length >= length) break;
    const easy = [...framework.challenges.values()].filter(
      (c) => c.competenceId === competenceId && c.status === 'validated' && c.level <= DISCOVERY_MAX_LEVEL && !c.timer,
    );
    // A second discovery test shows what the first did not, while the bank allows it.
    const choice = shuffle(preferUnseen(easy, seen))[0];
    if (choice) picked.push(choice);
  }
  return picked;
}
