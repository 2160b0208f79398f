/**
 * The verbs of campaigns, the teacher's half for now: create (one line), list, push, status,
 * results, archive. The student's verbs (code, test, share) are not wired yet: see the README.
 */
import type { CommandSpec } from './turn.js';

export const CAMPAIGN_VERBS = ['campaignLine', 'campaigns', 'campaignPush', 'campaignStatus', 'campaignResults', 'campaignArchive'] as const;
export type CampaignVerb = (typeof CAMPAIGN_VERBS)[number];

export const CAMPAIGN_COMMANDS = {
  // The whole line is the campaign's description: the use case's parser reads it.
  campaignLine: { audience: 'staff', words: { fr: ['campagne'], en: ['campaign'] }, rest: (r) => ({ line: r.slice(0, 2000) }), help: (t) => t.campaign.commands.create },
  campaigns: { audience: 'staff', words: { fr: ['campagnes'], en: ['campaigns'] }, help: (t) => t.campaign.commands.list },
  campaignPush: { audience: 'staff', words: { fr: [], en: [] } },
  campaignStatus: { audience: 'staff', words: { fr: [], en: [] } },
  campaignResults: { audience: 'staff', words: { fr: [], en: [] } },
  campaignArchive: { audience: 'staff', words: { fr: [], en: [] } },
} satisfies Record<CampaignVerb, CommandSpec>;
