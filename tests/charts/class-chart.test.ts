/**
 * Layer: chart rendering (ECharts SVG, resvg PNG) and its signed route through the real server.
 * The PNG is decoded as far as its header: signature, IHDR width and height, and a plausible size.
 */
import { afterEach, expect, test } from 'vitest';
import type { ClassChart } from '../../src/charts/model.js';
import { CHART_HEIGHT, CHART_WIDTH, classChartSvg, renderClassChartPng } from '../../src/charts/render-png.js';
import { classChartText } from '../../src/charts/text-table.js';
import { createCampaign } from '../../src/campaigns/create-campaign.js';
import { parseCampaignLine } from '../../src/campaigns/line-parser.js';
import { sharedCollection } from '../campaigns/app-seed.js';
import { startTestBot, type TestBot } from '../helpers/chat.js';

const chart: ClassChart = {
  className: '4A',
  campaignName: 'Bilan 4e',
  measure: 'level',
  highestLevel: 5,
  participants: 27,
  competences: [
    { code: '1.1', value: 2.4 },
    { code: '2.1', value: 1.8 },
    { code: '3.1', value: 3.1 },
    { code: '4.1', value: 0.9 },
    { code: '5.1', value: 2 },
  ],
};

function pngHeader(png: Buffer) {
  return {
    signature: png.subarray(0, 8).toString('hex'),
    firstChunk: png.subarray(12, 16).toString('ascii'),
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
  };
}

test('the class chart is a PNG of 960 × 540 with the competence codes and French labels', () => {
  const png = renderClassChartPng(chart);
  expect(pngHeader(png)).toEqual({ signature: '89504e470d0a1a0a', firstChunk: 'IHDR', width: CHART_WIDTH, height: CHART_HEIGHT });
  // A drawn chart, not a blank page (about 18 KB here), and small enough for a card's image.
  expect(png.length).toBeGreaterThan(8_000);
  expect(png.length).toBeLessThan(200_000);
  const svg = classChartSvg(chart);
  for (const label of ['1.1', '5.1', 'Niveau moyen', 'Compétence', 'Maîtrise par compétence · 4A · Bilan 4e', '27 élèves', '2,4']) expect(svg).toContain(label);
  expect(classChartSvg(chart, 'en')).toContain('Mean level');
});

test('bad figures are refused before anything is drawn', () => {
  expect(() => renderClassChartPng({ ...chart, competences: [] })).toThrow();
  expect(() => renderClassChartPng({ ...chart, competences: [{ code: '9', value: 1 }] })).toThrow();
});

test('without a public URL, the same figures as a text table', () => {
  expect(classChartText(chart).split('\n')).toEqual([
    'Maîtrise par compétence · 4A · Bilan 4e (27 élèves)',
    'Compét. niveau moyen',
    '1.1     ██████████·········· 2,4',
    '2.1     ███████············· 1,8',
    '3.1     ████████████········ 3,1',
    '4.1     ████················ 0,9',
    '5.1     ████████············ 2',
  ]);
  const mastered = classChartText({ ...chart, measure: 'mastered', competences: [{ code: '1.1', value: 50 }] }, 'en');
  expect(mastered.split('\n').slice(1)).toEqual(['Comp. % mastered', '1.1   ██████████·········· 50 %']);
});

let bot: TestBot | null = null;
afterEach(async () => {
  await bot?.close();
  bot = null;
});

test('the chart is served at its signed link until it expires; a forged or moved link gets a 404', async () => {
  bot = await startTestBot({ REPORT_LINK_TTL_HOURS: '2' }, { chartSource: { classChart: async (id) => (id === 'c1-4A' ? chart : null) } });
  const url = bot.app.charts.chartUrl('c1-4A', 'fr')!;
  expect(url).toMatch(/^https:\/\/partix\.test\/charts\/c1-4A\/fr\/\d+-[0-9a-f]{40}\.png$/);
  const local = (link: string) => fetch(link.replace('https://partix.test', bot!.url));

  const ok = await local(url);
  expect(ok.status).toBe(200);
  expect(ok.headers.get('content-type')).toBe('image/png');
  expect(pngHeader(Buffer.from(await ok.arrayBuffer()))).toMatchObject({ width: CHART_WIDTH, height: CHART_HEIGHT });

  // The last character of the signature changed.
  const forged = `${url.slice(0, -5)}${url.at(-5) === '0' ? '1' : '0'}.png`;
  expect((await local(forged)).status).toBe(404);
  expect((await local(url.replace('/c1-4A/', '/c2-4A/'))).status).toBe(404);
  expect((await local(url.replace('/fr/', '/en/'))).status).toBe(404);

  bot.clock.advanceSeconds(2 * 3600 + 1);
  const expired = await local(url);
  expect(expired.status).toBe(404);
  expect(await expired.json()).toMatchObject({ error: 'link_expired', message: expect.stringMatching(/a expiré \(il est valable 2 h\)/) });
});

test('without PUBLIC_URL there is no chart link (the card shows the text table)', async () => {
  bot = await startTestBot({ PUBLIC_URL: '' });
  expect(bot.app.charts.chartUrl('c1-4A', 'fr')).toBeNull();
});

test('the app draws a campaign’s chart from its results: the PNG of a campaign someone shared; none for one nobody did', async () => {
  bot = await startTestBot();
  const { campaign, teacherId } = await sharedCollection(bot.app);
  const empty = await createCampaign({ userId: teacherId, input: parseCampaignLine('campagne "Vide" 1.1 classes 4A'), deps: bot.app.campaigns });
  const local = (link: string) => fetch(link.replace('https://partix.test', bot!.url));

  const ok = await local(bot.app.charts.chartUrl(campaign.id, 'fr')!);
  expect(ok.status).toBe(200);
  const png = Buffer.from(await ok.arrayBuffer());
  expect(pngHeader(png)).toEqual({ signature: '89504e470d0a1a0a', firstChunk: 'IHDR', width: CHART_WIDTH, height: CHART_HEIGHT });
  expect(png.length).toBeGreaterThan(8_000);
  expect(png.length).toBeLessThan(200_000);

  const none = await local(bot.app.charts.chartUrl(empty.id, 'fr')!);
  expect(none.status).toBe(404);
  expect(await none.json()).toMatchObject({ error: 'not_found', message: expect.stringMatching(/Graphique introuvable/) });
});
