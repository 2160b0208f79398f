/**
 * A class's chart as a PNG: Apache ECharts draws it server-side as SVG (no DOM, no canvas), and
 * resvg rasterises the SVG. Teams shows images in cards only from an HTTPS URL (a data URI fails
 * on desktop and web): the PNG is served by the signed route of server.ts.
 */
import type { Resvg as ResvgClass } from '@resvg/resvg-js';
import { createRequire } from 'node:module';
import { chartMessages } from '../i18n/chart-messages.js';
import type { Lang } from '../i18n/lang.js';
import { axisMax, classChartSchema, type ClassChart } from './model.js';

/**
 * echarts' ESM type declarations re-export without file extensions, which NodeNext resolution
 * cannot follow (every name comes out missing): its CommonJS build is loaded instead, typed by its
 * own `export =` declaration. Both libraries load with the first chart, not with the bot (echarts
 * alone is about 0.6 s of CPU and 35 MB of memory, which a start and a bot at rest do without).
 */
const load = createRequire(import.meta.url);
let echarts: typeof import('echarts') | undefined;
let resvg: { Resvg: typeof ResvgClass } | undefined;
const init = (...args: Parameters<(typeof import('echarts'))['init']>) => (echarts ??= load('echarts') as typeof import('echarts')).init(...args);

export const CHART_WIDTH = 960;
export const CHART_HEIGHT = 540;
/** resvg draws text with the fonts it finds on the machine: these first (DejaVu ships with most Linux images). */
const FONTS = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';

export function classChartSvg(input: ClassChart, lang: Lang = 'fr'): string {
  const chart = classChartSchema.parse(input);
  const t = chartMessages(lang);
  const instance = init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
  try {
    instance.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONTS },
      title: { text: t.title(chart.className, chart.campaignName), subtext: t.participants(chart.participants), left: 'center', top: 12, textStyle: { fontSize: 20 } },
      grid: { left: 80, right: 32, top: 90, bottom: 70 },
      xAxis: { type: 'category', name: t.axisCompetence, nameLocation: 'middle', nameGap: 40, data: chart.competences.map((c) => c.code), axisLabel: { fontSize: 14 } },
      yAxis: {
        type: 'value',
        name: chart.measure === 'level' ? t.axisLevel : t.axisMastered,
        nameLocation: 'middle',
        nameGap: 50,
        min: 0,
        max: axisMax(chart),
        interval: chart.measure === 'level' ? 1 : 20,
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 48,
          itemStyle: { color: '#3d68ff' },
          label: { show: true, position: 'top', fontSize: 13, formatter: ({ value }: { value: number }) => formatValue(value, chart.measure, lang) },
          data: chart.competences.map((c) => Math.min(c.value, axisMax(chart))),
        },
      ],
    });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

export function formatValue(value: number, measure: ClassChart['measure'], lang: Lang): string {
  const number = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 1 }).format(value);
  return measure === 'level' ? number : `${number} %`;
}

export function renderClassChartPng(chart: ClassChart, lang: Lang = 'fr'): Buffer {
  const svg = classChartSvg(chart, lang);
  const { Resvg } = (resvg ??= load('@resvg/resvg-js') as { Resvg: typeof ResvgClass });
  return new Resvg(svg, { fitTo: { mode: 'width', value: CHART_WIDTH }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
}
