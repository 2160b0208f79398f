/** The certification test's question card: the challenge template, answered with the certification's own verbs, no feedback after. */
import type { CertificationStep } from '../certification/test-step.js';
import { certificationMessages } from '../i18n/certification-messages.js';
import { INPUT_PREFIX, instructionBlocks, type RenderContext } from './render.js';
import { action, type Card } from './template.js';

export function renderCertificationChallenge(ctx: RenderContext, step: Extract<CertificationStep, { ended: false }>): Card {
  const { t } = ctx;
  const c = step.challenge;
  const ids = { candidateId: step.candidateId, challengeId: c.id };
  const base = {
    header: certificationMessages(ctx.lang).testProgress(step.position, step.total),
    counter: '',
    blocks: instructionBlocks(c.instruction),
    timer: c.timer ? t.challengeTimer(c.timer) : '',
    actions: [action(t.actionSubmit, 'certAnswer', ids, 'positive'), action(t.actionSkip, 'certSkip', ids)],
  };
  switch (c.type) {
    case 'QCU':
    case 'QCM':
      return ctx.cards.render('challenge', {
        ...base,
        kind: c.type === 'QCU' ? 'choice' : 'choices',
        prompt: c.type === 'QCU' ? t.challengeChooseOne : t.challengeChooseMany,
        choices: c.proposals.map((title, i) => ({ title, value: String(i + 1) })),
        fields: [],
      });
    case 'QROC':
      return ctx.cards.render('challenge', { ...base, kind: 'text', prompt: t.challengeYourAnswer, choices: [], fields: [{ id: `${INPUT_PREFIX}answer`, label: c.label ?? t.challengeYourAnswer }] });
    case 'QROCM-ind':
    case 'QROCM-dep':
      return ctx.cards.render('challenge', { ...base, kind: 'text', prompt: t.challengeYourAnswer, choices: [], fields: c.fields.map((f) => ({ id: `${INPUT_PREFIX}${f.key}`, label: f.label })) });
  }
}
