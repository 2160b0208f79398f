/** Layer: i18n. Every campaign error has its own words, in French and English, with its details in them. */
import { describe, expect, it } from 'vitest';
import * as errors from '../../src/campaigns/errors.js';
import { campaignErrors, campaignErrorText } from '../../src/i18n/campaign-error-messages.js';

const samples: errors.CampaignError[] = [
  new errors.NoCampaignRightError(),
  new errors.UnknownCompetencesError(['9.9', '7.2']),
  new errors.NoTargetError(),
  new errors.UnknownTargetError('pix+'),
  new errors.NoDivisionsError(),
  new errors.UnknownDivisionsError(['6Z']),
  new errors.InvalidCampaignFieldError('title', 50),
  new errors.InvalidCampaignFieldError('deadline'),
  new errors.CampaignLineError('unknown_word', 'banane'),
  new errors.UnknownCampaignCodeError(' abc '),
  new errors.CampaignArchivedError('Bilan'),
  new errors.NotStudentOfSchoolError('not_linked'),
  new errors.NotStudentOfSchoolError('other_school'),
  new errors.DisabledStudentError(),
  new errors.ParticipationNotFoundError(),
  new errors.NotFinishedError(40),
  new errors.AlreadySharedError(new Date()),
  new errors.PushRunningError(12),
  new errors.RemindTooSoonError(5),
  new errors.RetryNotAvailableError('too_early', 2),
  new errors.RetryNotAvailableError('mastered'),
  new errors.TargetLockedError(3),
  new errors.UnreadableFormError(),
];

describe('campaign errors in words', () => {
  it('covers every error class the campaigns folder exports', () => {
    const classes = Object.values(errors).filter((v) => typeof v === 'function' && v.prototype instanceof errors.CampaignError);
    const sampled = new Set(samples.map((e) => e.constructor));
    expect(classes.filter((c) => c !== errors.CampaignNotFoundError && !sampled.has(c as never)).map((c) => c.name)).toEqual([]);
  });

  it.each(['fr', 'en'] as const)('gives each its own sentence, with its details (%s)', (lang) => {
    const t = campaignErrors(lang);
    const texts = samples.map((e) => campaignErrorText(t, e)!);
    expect(new Set(texts).size).toBe(samples.length);
    expect(texts).not.toContain(t.notFound);
    expect(texts[1]).toContain('9.9, 7.2');
    expect(texts[6]).toContain('50');
    expect(texts[8]).toContain('banane');
    expect(texts[15]).toContain('40');
    expect(texts[17]).toContain('12');
    expect(texts[19]).toContain('2');
    expect(campaignErrorText(t, new errors.CampaignNotFoundError())).toBe(t.notFound);
    expect(campaignErrorText(t, new Error('other'))).toBeNull();
  });
});
