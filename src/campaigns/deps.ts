/** What every campaign use case is given, and the checks they share: who may see a campaign, and who creates. */
import type { AssessmentDeps } from '../assessment/deps.js';
import type { OutboxPayload } from '../notifications/outbox.js';
import type { Membership } from '../schools/model.js';
import type { SchoolRepository } from '../schools/repository.js';
import { WhichSchoolError } from '../schools/errors.js';
import type { ConversationReference } from '../users/conversation-reference.js';
import { CampaignNotFoundError, NoCampaignRightError, ParticipationNotFoundError } from './errors.js';
import type { Campaign, Participation } from './model.js';
import type { CampaignLinks } from './links.js';
import type { CampaignRepository } from './repository.js';

export interface CampaignSettings {
  /** Days after sharing before a retry (multiple sendings). */
  retryDelayDays: number;
  /** Challenges a competence test asks on average, for "Question n sur environ N". */
  expectedPerCompetence: number;
  /** A push that has not finished enqueuing after this long was left by a stopped process. */
  pushStaleMinutes: number;
}

/** The message a student gets in their personal chat: the campaign card (push) or a reminder, in their language. */
export type CampaignMessage = (args: { campaign: Campaign; userId: string; purpose: 'push' | 'remind'; participation: Participation | null }) => Promise<OutboxPayload>;

export interface CampaignDeps {
  campaigns: CampaignRepository;
  schools: SchoolRepository;
  /** The competence tests a campaign test is made of (framework, strategies, repository, clock). */
  assessment: AssessmentDeps;
  outbox: { enqueue(args: { idempotencyKey: string; userId: string; kind: string; payload: OutboxPayload; now: Date }): Promise<boolean> };
  references: { conversationReference(userId: string): Promise<ConversationReference | null> };
  message: CampaignMessage;
  wakeOutbox: () => void;
  /** The signed links of a campaign's chart and CSV export. */
  links: CampaignLinks;
  settings: CampaignSettings;
  clock: () => Date;
}

/**
 * The campaign as a member of its school's staff may see it: the referent sees every campaign of
 * the school, a teacher their own, nobody outside the school anything (and "not found" reads the
 * same as "not yours"). The same rule decides who edits, archives, pushes and reminds.
 */
export async function campaignForStaff(deps: CampaignDeps, userId: string, campaignId: string): Promise<{ campaign: Campaign; membership: Membership }> {
  const campaign = await deps.campaigns.find(campaignId);
  if (!campaign) throw new CampaignNotFoundError();
  const membership = (await deps.schools.staff.memberships(userId)).find((m) => m.school.id === campaign.schoolId);
  if (!membership || (membership.role !== 'referent' && campaign.ownerId !== userId)) throw new CampaignNotFoundError();
  return { campaign, membership };
}

/** The school a teacher creates a campaign for: one where they hold the right (the referent always does). */
export async function creatorMembership(deps: CampaignDeps, userId: string, uaj?: string): Promise<Membership> {
  const memberships = (await deps.schools.staff.memberships(userId)).filter((m) => m.canCreateCampaigns);
  const chosen = uaj ? memberships.filter((m) => m.school.uaj === uaj.trim().toUpperCase()) : memberships;
  if (chosen.length === 0) throw new NoCampaignRightError();
  if (chosen.length > 1) throw new WhichSchoolError(chosen.map((m) => m.school.uaj));
  return chosen[0]!;
}

/** A student's own participation and its campaign; someone else's reads as not found. */
export async function ownedParticipation(deps: CampaignDeps, userId: string, participationId: string): Promise<{ participation: Participation; campaign: Campaign }> {
  const participation = await deps.campaigns.participation(participationId);
  if (!participation || participation.userId !== userId) throw new ParticipationNotFoundError();
  return { participation, campaign: (await deps.campaigns.find(participation.campaignId))! };
}
