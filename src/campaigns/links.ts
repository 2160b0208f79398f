/**
 * A campaign's signed, expiring links (src/signed-links.ts, as the import reports'): its class chart
 * (the PNG route of src/charts) and its CSV export. Without PUBLIC_URL there are none.
 */
import type { Config } from '../config.js';
import type { Lang } from '../i18n/lang.js';
import { linkSigner, type LinkCheck } from '../signed-links.js';

export interface CampaignLinks {
  /** The class chart's PNG; null without PUBLIC_URL. */
  chartUrl(campaignId: string, lang: Lang): string | null;
  /** The CSV export, valid `ttlHours`; null without PUBLIC_URL. */
  exportUrl(campaignId: string): string | null;
  /** Whether an export link's token was signed for this campaign, and is still in time. */
  exportLink(campaignId: string, token: string): LinkCheck;
  ttlHours: number;
}

export function campaignLinks({
  config,
  clock,
  chartUrl,
}: {
  config: Pick<Config, 'PUBLIC_URL' | 'REPORT_SECRET' | 'REPORT_LINK_TTL_HOURS'>;
  clock: () => Date;
  chartUrl: (campaignId: string, lang: Lang) => string | null;
}): CampaignLinks {
  // Its own purpose: a chart's or a report's token opens no export.
  const signer = linkSigner({ key: config.REPORT_SECRET, purpose: 'campaign-export', clock });
  const ttlHours = config.REPORT_LINK_TTL_HOURS;
  return {
    chartUrl,
    exportUrl: (id) => (config.PUBLIC_URL ? `${config.PUBLIC_URL}/campaigns/${encodeURIComponent(id)}/export/${signer.token(id, ttlHours)}.csv` : null),
    exportLink: (id, token) => signer.check(id, token),
    ttlHours,
  };
}
