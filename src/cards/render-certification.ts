/** The certification test's question card: the challenge card, answered with the certification's own verbs (no feedback follows). */
import type { CertificationStep } from '../certification/test-step.js';
import { questionCounter, renderChallengeCard, type RenderContext } from './render.js';
import { action, type Card } from './template.js';

export function renderCertificationChallenge(ctx: RenderContext, step: Extract<CertificationStep, { ended: false }>): Card {
  const { t } = ctx;
  const ids = { candidateId: step.candidateId, challengeId: step.challenge.id };
  return renderChallengeCard(ctx, step.challenge, {
    header: questionCounter(t, { n: step.position, of: step.total }),
    counter: '',
    actions: [action(t.actionSubmit, 'certAnswer', ids, 'positive'), action(t.actionSkip, 'certSkip', ids)],
  });
}
