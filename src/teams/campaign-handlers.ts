/** Chat handlers of the campaign verbs, the teacher's here (each reads the payload, calls a use case, renders a card), the student's in campaign-student-handlers.ts. */
import { archiveCampaign } from '../campaigns/archive-campaign.js';
import { campaignResults } from '../campaigns/campaign-results.js';
import { classChartOf } from '../campaigns/class-chart.js';
import { createCampaign } from '../campaigns/create-campaign.js';
import type { CampaignDeps } from '../campaigns/deps.js';
import { CampaignNotFoundError, NoCampaignRightError } from '../campaigns/errors.js';
import { requestCampaignExport } from '../campaigns/export-csv.js';
import { parseCampaignLine } from '../campaigns/line-parser.js';
import { listCampaigns } from '../campaigns/list-campaigns.js';
import { pushCampaign } from '../campaigns/push-campaign.js';
import { pushStatus } from '../campaigns/push-status.js';
import { remindCampaign } from '../campaigns/remind-campaign.js';
import {
  renderCampaignCreated,
  renderCampaignEdited,
  renderCampaignExport,
  renderCampaignList,
  renderCampaignResults,
  renderPushOutcome,
  renderPushStatus,
  renderRemindOutcome,
} from '../cards/render-campaigns.js';
import { classChartText } from '../charts/text-table.js';
import type { CampaignVerb } from './campaign-commands.js';
import { campaignStudentHandlers } from './campaign-student-handlers.js';
import type { Handler, Reply, Turn } from './turn.js';

const card = (c: Reply['messages'][number]['card']): Reply => ({ messages: [{ card: c }] });

function campaignIdOf(turn: Turn): string {
  const id = (turn.payload as { campaignId?: unknown }).campaignId;
  if (typeof id !== 'string' || id.length > 64) throw new CampaignNotFoundError();
  return id;
}

export function campaignHandlers(deps: CampaignDeps): Record<CampaignVerb, Handler> {
  return {
    ...campaignStudentHandlers(deps),
    campaignLine: async (turn) => {
      const line = String((turn.payload as { line?: unknown }).line ?? '');
      const campaign = await createCampaign({ userId: turn.user.id, input: parseCampaignLine(line), deps });
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
