/** The chart as a text table, for a card when the bot has no public URL to serve the image from (PUBLIC_URL unset). */
import { chartMessages } from '../i18n/chart-messages.js';
import type { Lang } from '../i18n/lang.js';
import { axisMax, classChartSchema, type ClassChart } from './model.js';
import { formatValue } from './render-png.js';

const BAR_CELLS = 20;

/** One line per competence: its code, a bar of blocks, the value; monospace (a code block in the card). */
export function classChartText(input: ClassChart, lang: Lang = 'fr'): string {
  const chart = classChartSchema.parse(input);
  const t = chartMessages(lang);
  const head = `${t.title(chart.className, chart.campaignName)} (${t.participants(chart.participants)})`;
  const measure = chart.measure === 'level' ? t.measureLevel : t.measureMastered;
  const lines = chart.competences.map((c) => {
    const filled = Math.round((Math.min(c.value, axisMax(chart)) / axisMax(chart)) * BAR_CELLS);
    return `${c.code.padEnd(t.columnCompetence.length)} ${'█'.repeat(filled)}${'·'.repeat(BAR_CELLS - filled)} ${formatValue(c.value, chart.measure, lang)}`;
  });
  return [head, `${t.columnCompetence} ${measure}`, ...lines].join('\n');
}
