/**
 * The verbs of campaigns. The teacher's: create (the form card, or one line), edit (the same form),
 * list, push, status, results, export, remind, archive, and the campaign's card posted in a channel.
 * The student's: the typed code or "Commencer" (join, then the test), "Plus tard", the campaign's
 * own answer and skip (not the competence test's), share and its confirmation, retry.
 */
import type { CommandSpec } from './turn.js';

export const CAMPAIGN_VERBS = [
  'campaignForm',
  'campaignCreate',
  'campaignEdit',
  'campaignUpdate',
  'campaignLine',
  'campaignPost',
  'campaigns',
  'campaignPush',
  'campaignStatus',
  'campaignResults',
  'campaignExport',
  'campaignArchive',
  'campaignRemind',
  'campaignJoin',
  'campaignChannelStart',
  'campaignStart',
  'campaignLater',
  'campaignAnswer',
  'campaignSkip',
  'campaignShare',
  'campaignShareConfirm',
  'campaignRetry',
] as const;
export type CampaignVerb = (typeof CAMPAIGN_VERBS)[number];

/**
 * A message that is only a campaign's code (src/campaigns/code.ts: 6 letters without i, l, o, then
 * 3 digits 2–9), spaces, hyphens and lower case accepted: " qzwb pk 347 ". Nothing else reads as
 * one: a certification check-in has 4 letters, 2 digits, then names and a date.
 */
export const TYPED_CAMPAIGN_CODE = /^(?:[\s-]*[A-HJKMNP-Z]){6}(?:[\s-]*[2-9]){3}$/i;

/** "nouvelle campagne", "créer une campagne", "new campaign", "create a campaign", maybe followed by the school's UAJ. */
export const TYPED_NEW_CAMPAIGN = /^\s*(?:nouvelle\s+campagne|cr[eé]er\s+une\s+campagne|new\s+campaign|create\s+(?:a\s+)?campaign)(?:\s+(\d{7}[a-z]))?\s*$/i;

/** "campagne QZWBPK347" / "campaign QZWBPK347" (typed in a channel, after @Partix): the campaign's card, posted there. */
export const TYPED_CAMPAIGN_POST = /^\s*(?:campagne|campaign)\s+((?:[\s-]*[A-HJKMNP-Z]){6}(?:[\s-]*[2-9]){3})\s*$/i;

export const CAMPAIGN_COMMANDS = {
  campaignForm: {
    audience: 'staff',
    words: { fr: [], en: [] },
    bare: TYPED_NEW_CAMPAIGN,
    rest: (r) => {
      const uaj = TYPED_NEW_CAMPAIGN.exec(r)?.[1];
      return uaj ? { uaj: uaj.toUpperCase() } : {};
    },
    help: (t) => t.campaign.commands.create,
  },
  campaignCreate: { audience: 'staff', words: { fr: [], en: [] } },
  campaignEdit: { audience: 'staff', words: { fr: [], en: [] } },
  campaignUpdate: { audience: 'staff', words: { fr: [], en: [] } },
  // The whole line is the campaign's description: the use case's parser reads it.
  campaignLine: { audience: 'staff', words: { fr: ['campagne'], en: ['campaign'] }, rest: (r) => ({ line: r.slice(0, 2000) }) },
  campaignPost: { audience: 'staff', words: { fr: [], en: [] }, bare: TYPED_CAMPAIGN_POST, rest: (r) => ({ code: TYPED_CAMPAIGN_POST.exec(r)?.[1] ?? '' }), help: (t) => t.campaign.commands.post },
  campaigns: { audience: 'staff', words: { fr: ['campagnes'], en: ['campaigns'] }, help: (t) => t.campaign.commands.list },
  campaignPush: { audience: 'staff', words: { fr: [], en: [] } },
  campaignStatus: { audience: 'staff', words: { fr: [], en: [] } },
  campaignResults: { audience: 'staff', words: { fr: [], en: [] } },
  campaignExport: { audience: 'staff', words: { fr: [], en: [] } },
  campaignArchive: { audience: 'staff', words: { fr: [], en: [] } },
  campaignRemind: { audience: 'staff', words: { fr: [], en: [] } },
  campaignJoin: { audience: 'student', words: { fr: [], en: [] }, bare: TYPED_CAMPAIGN_CODE, rest: (r) => ({ code: r.trim().slice(0, 40) }), help: (t) => t.campaign.commands.join },
  campaignChannelStart: { audience: 'student', words: { fr: [], en: [] } },
  campaignStart: { audience: 'student', words: { fr: [], en: [] } },
  campaignLater: { audience: 'student', words: { fr: [], en: [] } },
  campaignAnswer: { audience: 'student', words: { fr: [], en: [] } },
  campaignSkip: { audience: 'student', words: { fr: [], en: [] } },
  campaignShare: { audience: 'student', words: { fr: [], en: [] } },
  campaignShareConfirm: { audience: 'student', words: { fr: [], en: [] } },
  campaignRetry: { audience: 'student', words: { fr: [], en: [] } },
} satisfies Record<CampaignVerb, CommandSpec>;
