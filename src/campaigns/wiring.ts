/** Campaigns: their repository, their use cases' deps, and the card a student gets in their language. */
import type { AssessmentDeps } from '../assessment/deps.js';
import { renderCampaignInvite } from '../cards/render-campaigns.js';
import type { CardTemplates } from '../cards/template.js';
import type { Config } from '../config.js';
import type { Lang } from '../i18n/lang.js';
import { langOf, messages } from '../i18n/messages.js';
import type { Outbox } from '../notifications/outbox.js';
import type { SchoolRepository } from '../schools/repository.js';
import type { Store } from '../store/database.js';
import type { UserRepository } from '../users/users.js';
import type { CampaignDeps, CampaignMessage } from './deps.js';
import { campaignLinks } from './links.js';
import { CampaignRepository } from './repository.js';
import { EXPECTED_PER_COMPETENCE } from '../assessment/position.js';


export function wireCampaigns({
  config,
  store,
  schools,
  assessment,
  outbox,
  users,
  cards,
  clock,
  wakeOutbox,
  chartUrl,
}: {
  config: Config;
  store: Store;
  schools: SchoolRepository;
  assessment: AssessmentDeps;
  outbox: Outbox;
  users: UserRepository;
  cards: CardTemplates;
  clock: () => Date;
  wakeOutbox: () => void;
  /** The class chart's signed URL (src/charts), null without PUBLIC_URL. */
  chartUrl: (campaignId: string, lang: Lang) => string | null;
}): CampaignDeps {
  const message: CampaignMessage = async ({ campaign, userId, purpose, participation }) => {
    const user = await users.find(userId);
    const lang = langOf(user?.locale);
    const card = renderCampaignInvite({ cards, t: messages(lang), lang, locale: user?.locale, framework: assessment.framework }, campaign, purpose, participation);
    return { card };
  };
  return {
    campaigns: new CampaignRepository(store.db),
    schools,
    assessment,
    outbox,
    references: users,
    message,
    wakeOutbox,
    links: campaignLinks({ config, clock, chartUrl }),
    settings: { retryDelayDays: config.CAMPAIGN_RETRY_DELAY_DAYS, expectedPerCompetence: EXPECTED_PER_COMPETENCE, pushStaleMinutes: 5 },
    clock,
  };
}
