/**
 * Layer: cards. Every campaign card, bound to what the use cases return, is parsed by the official
 * Adaptive Cards SDK without a warning, in French and English; no unbound ${…}, within Teams' size.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignResults } from '../../src/campaigns/campaign-results.js';
import { campaignStep } from '../../src/campaigns/campaign-test.js';
import { classChartOf } from '../../src/campaigns/class-chart.js';
import { createCampaign } from '../../src/campaigns/create-campaign.js';
import { joinCampaign } from '../../src/campaigns/join-campaign.js';
import { parseCampaignLine } from '../../src/campaigns/line-parser.js';
import type { Campaign } from '../../src/campaigns/model.js';
import { pushCampaign } from '../../src/campaigns/push-campaign.js';
import { pushStatus } from '../../src/campaigns/push-status.js';
import { shareResults } from '../../src/campaigns/share-results.js';
import {
  campaignCounter,
  renderCampaignChallenge,
  renderCampaignChannelCard,
  renderCampaignCreated,
  renderCampaignEdited,
  renderCampaignEnd,
  renderCampaignExport,
  renderCampaignForm,
  renderCampaignInvite,
  renderCampaignList,
  renderCampaignNotice,
  renderCampaignResults,
  laterText,
  renderPushOutcome,
  renderRemindOutcome,
  renderPushStatus,
  renderShareConfirm,
} from '../../src/cards/render-campaigns.js';
import type { RenderContext } from '../../src/cards/render.js';
import { classChartText } from '../../src/charts/text-table.js';
import { checkCard } from './walker.js';
import { CardTemplates, type Card } from '../../src/cards/template.js';
import { messages, type Lang } from '../../src/i18n/messages.js';
import { playCampaign, upTo } from '../campaigns/play.js';
import { makeWorld, type World } from '../campaigns/world.js';

const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

function problems(card: object): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const found: string[] = [];
  for (let i = 0; i < context.eventCount; i++) found.push(context.getEventAt(i).message);
  for (const e of parsed.validateProperties().validationEvents) found.push(e.message);
  return found;
}

let world: World;
let campaign: Campaign;
let collection: Campaign;
const cards: Array<{ name: string; lang: Lang; card: Card }> = [];

beforeAll(async () => {
  world = await makeWorld();
  const deps = world.deps;
  campaign = await createCampaign({ userId: world.teacher, input: { ...parseCampaignLine('campagne "Bilan 4e" 1.1 2.1 niveau 3 classes 4A 4B jusqu’au 30/06/2026 multiple'), title: 'Bilan', landingText: 'Répondez seul·e.' }, deps });
  collection = await createCampaign({ userId: world.teacher, input: parseCampaignLine('campagne "Profils" collecte classes 4A'), deps });
  const pushed = await pushCampaign({ userId: world.teacher, campaignId: campaign.id, deps });
  await world.deliverAll([world.student.tom]);
  const lea = await joinCampaign({ userId: world.student.lea, code: campaign.code, deps });
  const question = await campaignStep({ userId: world.student.lea, participationId: lea.participation.id, deps });
  const { step: end } = await playCampaign(world, world.student.lea, lea.participation.id, upTo(2));
  const shared = await shareResults({ userId: world.student.lea, participationId: lea.participation.id, deps });
  const coll = await joinCampaign({ userId: world.student.lea, code: collection.code, deps });
  const collEnd = await campaignStep({ userId: world.student.lea, participationId: coll.participation.id, deps });
  const status = await pushStatus({ userId: world.teacher, campaignId: campaign.id, deps });
  const results = await campaignResults({ userId: world.teacher, campaignId: campaign.id, deps });
  await shareResults({ userId: world.student.lea, participationId: coll.participation.id, deps });
  const collResults = await campaignResults({ userId: world.teacher, campaignId: collection.id, deps });
  const school = (await world.schools.staff.memberships(world.teacher))[0]!.school;
  const templates = new CardTemplates(resolve('cards'));
  for (const lang of ['fr', 'en'] as Lang[]) {
    const ctx: RenderContext = { cards: templates, t: messages(lang), lang, framework: world.framework };
    const add = (name: string, card: Card) => cards.push({ name, lang, card });
    const choices = { school, divisions: ['4A', '4B'], campaign: null };
    add('form', renderCampaignForm(ctx, choices, 5));
    add('form-edit', renderCampaignForm(ctx, { ...choices, campaign }, 5));
    add('form-refused', renderCampaignForm(ctx, choices, 5, { values: { name: 'Bilan', type: 'assessment', target: 'none', competences: '', level: '', divisions: '4A,4B', title: '', landingText: 'Bonjour', deadline: '2026-06-30', multipleSendings: 'true' }, error: 'Choisissez au moins une compétence' }));
    add('channel', renderCampaignChannelCard(ctx, campaign));
    add('channel-notice', renderCampaignChannelCard(ctx, campaign, ctx.t.campaign.channelOpenFirst(campaign.code)));
    add('created', renderCampaignCreated(ctx, campaign));
    add('archived', renderCampaignEdited(ctx, { ...campaign, archivedAt: new Date() }));
    add('list', renderCampaignList(ctx, school, [{ campaign, participants: 1 }, { campaign: collection, participants: 1 }]));
    add('list-empty', renderCampaignList(ctx, school, []));
    add('pushed', renderPushOutcome(ctx, campaign, pushed));
    add('status', renderPushStatus(ctx, campaign, status));
    const chart = classChartOf(results, 5)!;
    add('results', renderCampaignResults(ctx, results, { url: null, table: classChartText(chart, lang) }));
    add('results-chart', renderCampaignResults(ctx, results, { url: 'https://partix.example/charts/abc.png?sig=x', table: null }));
    add('results-collection', renderCampaignResults(ctx, collResults, { url: null, table: classChartText(classChartOf(collResults, 5)!, lang) }));
    add('export-link', renderCampaignExport(ctx, campaign, 'https://partix.example/campaigns/abc/export/1-x.csv', 72));
    add('export-none', renderCampaignExport(ctx, campaign, null, 72));
    add('invite', renderCampaignInvite(ctx, campaign, 'push', null));
    add('remind', renderCampaignInvite(ctx, campaign, 'remind', lea.participation));
    add('landing', renderCampaignInvite(ctx, collection, 'landing', null));
    if (end.kind === 'finished') add('end', renderCampaignEnd(ctx, end, null));
    add('end-shared', renderCampaignEnd(ctx, { kind: 'finished', campaign, participation: shared, result: shared.result! }, 4));
    if (collEnd.kind === 'finished') add('end-collection', renderCampaignEnd(ctx, collEnd, null));
    add('share-confirm', renderShareConfirm(ctx, campaign, lea.participation));
    add('notice', renderCampaignNotice(ctx, laterText(ctx)));
    add('reminded', renderRemindOutcome(ctx, campaign, 3));
    if (question.kind === 'question') add('counter', renderCampaignNotice(ctx, campaignCounter(ctx, question)));
    if (question.kind === 'question') add('question', renderCampaignChallenge(ctx, question));
  }
});
afterAll(async () => {
  await world.close();
});

describe('campaign cards', () => {
  it('are all rendered, in both languages', () => {
    expect(cards.length).toBe(2 * 27);
  });

  it('parse without a warning, keep no unbound expression, and fit in a Teams message', () => {
    for (const { name, lang, card } of cards) {
      expect(problems(card), `${name} (${lang})`).toEqual([]);
      const json = JSON.stringify(card);
      expect(json, `${name} (${lang})`).not.toContain('${');
      expect(Buffer.byteLength(json)).toBeLessThan(28 * 1024);
    }
  });

  it('pass the card walker: every button is a verb the router accepts, for one role; no number split from its unit', () => {
    for (const { name, lang, card } of cards) checkCard(card, `${name} (${lang})`);
  });

  it('say what the teacher and the student need, in their language', () => {
    const text = (name: string, lang: Lang) => JSON.stringify(cards.find((c) => c.name === name && c.lang === lang)!.card);
    expect(text('created', 'fr')).toContain(campaign.code);
    expect(text('created', 'fr')).toContain('Envoyer aux élèves');
    expect(text('created', 'en')).toContain('Send to the students');
    expect(text('status', 'fr')).toContain('application bloquée ou supprimée');
    expect(text('status', 'fr')).toContain('jamais ouvert Partix');
    expect(text('status', 'en')).toContain('never opened Partix');
    expect(text('invite', 'fr')).toContain('Commencer');
    expect(text('invite', 'fr')).toContain('Plus tard');
    expect(text('end', 'fr')).toContain('Envoyer mes résultats');
    expect(text('end', 'en')).toContain('Send my results');
    expect(text('counter', 'fr')).toMatch(/Question 1 sur environ \d+/);
    expect(text('counter', 'en')).toMatch(/Question 1 of about \d+/);
    expect(text('results', 'fr')).toContain('MARTIN Léa (4A) · envoyé · maîtrise 67\u00a0%');
    expect(text('results-chart', 'fr')).toContain('https://partix.example/charts/abc.png');
    expect(text('results', 'fr')).not.toContain('"Image"');
    // The form's choices are the server's; a refused form keeps what was typed, the reason first.
    expect(text('form', 'fr')).toContain('"value":"4B"');
    // A required field left empty is told what to do, not shown its label again.
    expect(text('form', 'fr')).toContain('"errorMessage":"Donnez un nom à la campagne."');
    expect(text('form', 'en')).toContain('"errorMessage":"Choose at least one class."');
    expect(text('form-edit', 'fr')).toContain('"value":"Bilan 4e"');
    expect(text('form-edit', 'fr')).toContain('"verb":"campaignUpdate"');
    expect(text('form-refused', 'fr')).toMatch(/Choisissez au moins une compétence.*"value":"Bilan".*"value":"4A,4B".*"value":"2026-06-30"/);
    // The channel's card names no student.
    expect(text('channel', 'fr')).toContain('Commencer dans ma conversation');
    expect(text('channel', 'fr')).not.toMatch(/MARTIN|Léa/);
    // Without a public URL, the chart's figures as a monospace table: Léa shared 67 % in 1.1 and 2.1.
    expect(text('results', 'fr')).toContain('"fontType":"Monospace"');
    expect(text('results', 'fr')).toMatch(/"1\.1 +█+·+ 66,7\u00a0%"|"1\.1 +█+·+ 66,7 %"/);
    expect(text('results-chart', 'fr')).not.toContain('Monospace');
    expect(text('results', 'fr')).toContain('Exporter (CSV)');
    expect(text('export-link', 'fr')).toContain('Télécharger le CSV');
    expect(text('export-none', 'fr')).toContain('demandez le fichier à votre administrateur');
    expect(text('export-none', 'en')).toContain('ask your administrator');
    expect(text('export-none', 'fr')).not.toContain('partix ');
  });
});
