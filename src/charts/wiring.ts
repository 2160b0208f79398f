/**
 * A class's chart behind a signed, expiring HTTPS link (Teams shows card images only from an HTTPS
 * URL), and what the route serves for it. The figures come from a ChartSource: the campaign results.
 */
import type { Config } from '../config.js';
import { chartRefusal } from '../i18n/chart-messages.js';
import type { Lang } from '../i18n/lang.js';
import { linkSigner } from '../signed-links.js';
import type { ClassChart } from './model.js';
import { renderClassChartPng } from './render-png.js';

export interface ChartSource {
  /** The chart of `id` (a campaign's class, as the campaigns name it), or null when there is none (any more). */
  classChart(id: string): Promise<ClassChart | null>;
}

export type ChartResponse = { status: 200; png: Buffer } | { status: 404; body: ReturnType<typeof chartRefusal> };

export interface Charts {
  /** The PNG's signed URL, valid REPORT_LINK_TTL_HOURS; null without PUBLIC_URL: show classChartText instead. */
  chartUrl(id: string, lang: Lang): string | null;
  /** What GET /charts/:id/:lang/:token.png answers. */
  serve(id: string, lang: string, file: string): Promise<ChartResponse>;
}

export function wireCharts({ config, clock, source }: { config: Config; clock: () => Date; source: ChartSource }): Charts {
  // The key of report links when set (one secret to keep); a separate purpose, so a report's token opens no chart.
  const signer = linkSigner({ key: config.REPORT_SECRET, purpose: 'class-chart', clock });
  const ttl = config.REPORT_LINK_TTL_HOURS;
  return {
    chartUrl: (id, lang) => (config.PUBLIC_URL ? `${config.PUBLIC_URL}/charts/${encodeURIComponent(id)}/${lang}/${signer.token(`${id}:${lang}`, ttl)}.png` : null),
    async serve(id, lang, file) {
      const token = file.replace(/\.png$/, '');
      const check = lang === 'fr' || lang === 'en' ? signer.check(`${id}:${lang}`, token) : 'invalid';
      const chart = check === 'valid' ? await source.classChart(id) : null;
      if (!chart) return { status: 404, body: chartRefusal(check === 'expired' ? 'expired' : 'not_found', ttl) };
      return { status: 200, png: renderClassChartPng(chart, lang as Lang) };
    },
  };
}
