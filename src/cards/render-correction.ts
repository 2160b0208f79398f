/** The line of the feedback card that gives the expected answer after a failure (issue 11, point 9). */
import type { Challenge } from '../framework/model.js';
import { correctionOf } from '../assessment/correction.js';
import type { Messages } from '../i18n/messages.js';

/**
 * One answer: "Réponse attendue : …". Several fields: after a wrong answer, only the wrong fields and
 * what each expected ("À revoir : Chemin (attendu : ../images/logo.png)"); after a skip, every field.
 */
export function correctionLine(t: Messages, challenge: Challenge, status: 'ko' | 'skipped', value: string): string {
  const correction = correctionOf(challenge, value);
  if (correction.kind === 'single') return t.feedbackExpected(correction.expected.join(' ; '));
  if (status === 'skipped') return t.feedbackExpected(correction.fields.map((f) => `${f.label} : ${f.expected}`).join(' ; '));
  const wrong = correction.fields.filter((f) => !f.right);
  return t.feedbackFieldsToReview(wrong.map((f) => t.feedbackFieldExpected(f.label, f.expected)).join(' ; '));
}
