/** Chat handlers of the campaign verbs, the teacher's here (each reads the payload, calls a use case, renders a card), the student's in campaign-student-handlers.ts. */
import { archiveCampaign } from '../campaigns/archive-campaign.js';
import { campaignResults } from '../campaigns/campaign-results.js';
import { campaignForChannel } from '../campaigns/channel-card.js';
import { classChartOf } from '../campaigns/class-chart.js';
import { createCampaign } from '../campaigns/create-campaign.js';
import type { CampaignDeps } from '../campaigns/deps.js';
import { editCampaign } from '../campaigns/edit-campaign.js';
import { CampaignError, CampaignNotFoundError, NoCampaignRightError, UnreadableFormError } from '../campaigns/errors.js';
import { requestCampaignExport } from '../campaigns/export-csv.js';
import { campaignFormChoices, type CampaignFormChoices } from '../campaigns/form-choices.js';
import { campaignFormChanges, campaignFormInput, typedFormValues } from '../campaigns/form.js';
import { campaignErrorText } from '../i18n/campaign-error-messages.js';
import { parseCampaignLine } from '../campaigns/line-parser.js';
import { listCampaigns } from '../campaigns/list-campaigns.js';
import { pushCampaign } from '../campaigns/push-campaign.js';
import { pushStatus } from '../campaigns/push-status.js';
import { remindCampaign } from '../campaigns/remind-campaign.js';
import {
  renderCampaignChannelCard,
  renderCampaignCreated,
  renderCampaignEdited,
  renderCampaignExport,
  renderCampaignForm,
  renderCampaignList,
  renderCampaignResults,
  renderPushOutcome,
  renderPushStatus,
  renderRemindOutcome,
} from '../cards/render-campaigns.js';
import { classChartText } from '../charts/text-table.js';
import type { CampaignVerb } from './campaign-commands.js';
import { campaignStudentHandlers } from './campaign-student-handlers.js';
import { creationKey } from './creation-key.js';
import type { Handler, Reply, Turn } from './turn.js';

const card = (c: Reply['messages'][number]['card']): Reply => ({ messages: [{ card: c }] });

function campaignIdOf(turn: Turn): string {
  const id = (turn.payload as { campaignId?: unknown }).campaignId;
  if (typeof id !== 'string' || id.length > 64) throw new CampaignNotFoundError();
  return id;
}

const formValuesOf = (turn: Turn) => Object.fromEntries(Object.entries(turn.payload).filter(([key]) => key.startsWith('in_')));

export function campaignHandlers(deps: CampaignDeps): Record<CampaignVerb, Handler> {
  const highest = deps.assessment.settings.highestLevel;
  /**
   * Saves what the form says; a refusal of its values (no name, no competence, an unknown class, a
   * past deadline, a locked target…) shows the same form again, with what was typed and why.
   */
  const saveForm = async (turn: Turn, choices: CampaignFormChoices, save: () => Promise<Reply>): Promise<Reply> => {
    try {
      return await save();
    } catch (error) {
      // Rights are not the form's business: a right lost meanwhile is refused as anywhere else.
      const aboutRights = error instanceof NoCampaignRightError || error instanceof CampaignNotFoundError;
      const text = error instanceof CampaignError && !aboutRights ? campaignErrorText(turn.render.t.campaign.errors, error) : null;
      if (text === null) throw error;
      return { update: renderCampaignForm(turn.render, choices, highest, { values: typedFormValues(formValuesOf(turn)), error: text }), messages: [] };
    }
  };
  return {
    ...campaignStudentHandlers(deps),
    campaignForm: async (turn) => {
      const uaj = turn.payload.uaj;
      return card(renderCampaignForm(turn.render, await campaignFormChoices({ userId: turn.user.id, ...(uaj ? { uaj } : {}), deps }), highest));
    },
    // Rights first (the school the form was made for), then the values, which may have been tampered with.
    campaignCreate: async (turn) => {
      const uaj = turn.payload.uaj;
      const choices = await campaignFormChoices({ userId: turn.user.id, ...(uaj ? { uaj } : {}), deps });
      const input = campaignFormInput(formValuesOf(turn));
      if (!input) throw new UnreadableFormError();
      return saveForm(turn, choices, async () => ({ update: renderCampaignCreated(turn.render, await createCampaign({ userId: turn.user.id, input, uaj: choices.school.uaj, creationKey: creationKey(turn, 'card'), deps })), messages: [] }));
    },
    campaignEdit: async (turn) => card(renderCampaignForm(turn.render, await campaignFormChoices({ userId: turn.user.id, campaignId: campaignIdOf(turn), deps }), highest)),
    campaignUpdate: async (turn) => {
      const choices = await campaignFormChoices({ userId: turn.user.id, campaignId: campaignIdOf(turn), deps });
      const campaign = choices.campaign!;
      const changes = campaignFormChanges(formValuesOf(turn), campaign);
      if (!changes) throw new UnreadableFormError();
      return saveForm(turn, choices, async () => ({ update: renderCampaignEdited(turn.render, await editCampaign({ userId: turn.user.id, campaignId: campaign.id, changes, deps })), messages: [] }));
    },
    // Typed in a channel (after @Partix) or in the personal chat (to see it first): the card everyone may see.
    campaignPost: async (turn) => card(renderCampaignChannelCard(turn.render, await campaignForChannel({ userId: turn.user.id, code: String(turn.payload.code ?? ''), deps }))),
    campaignLine: async (turn) => {
      const line = String((turn.payload as { line?: unknown }).line ?? '');
      const campaign = await createCampaign({ userId: turn.user.id, input: parseCampaignLine(line), creationKey: creationKey(turn, 'line'), deps });
      return card(renderCampaignCreated(turn.render, campaign));
    },
    campaigns: async (turn) => {
      const lists = await listCampaigns({ userId: turn.user.id, deps });
      // No school of theirs: a student (or a stranger) is told whom campaigns are for, not invited to create one.
      if (lists.length === 0) throw new NoCampaignRightError();
      const messages = [];
      for (const { school, campaigns } of lists) {
        const rows = await Promise.all(campaigns.map(async (campaign) => ({ campaign, participants: await deps.campaigns.participantsCount(campaign.id) })));
        messages.push({ card: renderCampaignList(turn.render, school, rows) });
      }
      return { messages: messages.length ? messages : [{ text: turn.render.t.campaign.listEmpty }] };
    },
    campaignPush: async (turn) => {
      const campaignId = campaignIdOf(turn);
      const outcome = await pushCampaign({ userId: turn.user.id, campaignId, deps });
      return card(renderPushOutcome(turn.render, (await deps.campaigns.find(campaignId))!, outcome));
    },
    campaignStatus: async (turn) => {
      const campaignId = campaignIdOf(turn);
      const status = await pushStatus({ userId: turn.user.id, campaignId, deps });
      return card(renderPushStatus(turn.render, (await deps.campaigns.find(campaignId))!, status));
    },
    campaignResults: async (turn) => {
      const results = await campaignResults({ userId: turn.user.id, campaignId: campaignIdOf(turn), deps });
      // The class chart as an image at its signed link; without PUBLIC_URL, the same figures as a text table.
      const chart = classChartOf(results, deps.assessment.settings.highestLevel);
      const url = chart ? deps.links.chartUrl(results.campaign.id, turn.render.lang) : null;
      return card(renderCampaignResults(turn.render, results, { url, table: chart && !url ? classChartText(chart, turn.render.lang) : null }));
    },
    campaignExport: async (turn) => {
      const { campaign, url } = await requestCampaignExport({ userId: turn.user.id, campaignId: campaignIdOf(turn), deps });
      return card(renderCampaignExport(turn.render, campaign, url, deps.links.ttlHours));
    },
    campaignRemind: async (turn) => {
      const campaignId = campaignIdOf(turn);
      const { reminded } = await remindCampaign({ userId: turn.user.id, campaignId, deps });
      return card(renderRemindOutcome(turn.render, (await deps.campaigns.find(campaignId))!, reminded));
    },
    campaignArchive: async (turn) => card(renderCampaignEdited(turn.render, await archiveCampaign({ userId: turn.user.id, campaignId: campaignIdOf(turn), deps }))),
  };
}
