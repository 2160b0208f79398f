/** The tests' own oracle: the inputs a student would fill in to answer a challenge right or wrong. */
import type { Challenge } from '../../src/framework/model.js';

export type Answer = 'right' | 'wrong' | 'empty' | Record<string, string>;

/** The inputs a student would fill in to answer right (or wrong) — the tests' own oracle. */
export function inputsFor(challenge: Challenge, answer: Answer): Record<string, string> {
  if (typeof answer === 'object') return answer;
  if (answer === 'empty') return {};
  const right = answer === 'right';
  switch (challenge.type) {
    case 'QCU':
      return { choice: String(right ? challenge.answer : (challenge.answer % challenge.proposals.length) + 1) };
    case 'QCM':
      return { choices: right ? challenge.answers.join(',') : String(challenge.answers[0]) };
    case 'QROC':
      return { answer: right ? challenge.answers[0]! : 'zzzz' };
    case 'QROCM-ind':
      return Object.fromEntries(challenge.fields.map((f) => [f.key, right ? f.answers[0]! : 'zzzz']));
    case 'QROCM-dep':
      return Object.fromEntries(challenge.fields.map((f, i) => [f.key, right ? challenge.groups[i]![0]! : 'zzzz']));
  }
}

