/**
 * Layer: use cases and cards, in French and English. The teacher's and the student's flows as
 * tables of [what the user does, what they read], each step a use case whose result is rendered
 * as the chat would show it (the chat verbs themselves come with the new chat edge).
 */
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerCampaignChallenge } from '../../src/campaigns/answer-campaign-challenge.js';
import { archiveCampaign } from '../../src/campaigns/archive-campaign.js';
import { campaignResults } from '../../src/campaigns/campaign-results.js';
import { campaignStep, type CampaignStep } from '../../src/campaigns/campaign-test.js';
import { createCampaign } from '../../src/campaigns/create-campaign.js';
import { joinCampaign } from '../../src/campaigns/join-campaign.js';
import { parseCampaignLine } from '../../src/campaigns/line-parser.js';
import type { Campaign, Participation } from '../../src/campaigns/model.js';
import { pushCampaign } from '../../src/campaigns/push-campaign.js';
import { pushStatus } from '../../src/campaigns/push-status.js';
import { shareResults } from '../../src/campaigns/share-results.js';
import {
  campaignCounter,
  renderCampaignCreated,
  renderCampaignEdited,
  renderCampaignEnd,
  renderCampaignInvite,
  renderCampaignResults,
  renderPushOutcome,
  renderPushStatus,
  renderShareConfirm,
} from '../../src/cards/render-campaigns.js';
import type { RenderContext } from '../../src/cards/render.js';
import { CardTemplates, type Card } from '../../src/cards/template.js';
import { campaignErrors, campaignErrorText } from '../../src/i18n/campaign-error-messages.js';
import { messages, type Lang } from '../../src/i18n/messages.js';
import { inputsFor } from '../helpers/answers.js';
import { makeWorld, type World } from './world.js';

type Row = [string, () => Promise<Card | string>, RegExp[]];

const templates = new CardTemplates(resolve('cards'));
let world: World;
beforeEach(async () => {
  world = await makeWorld();
});
afterEach(async () => {
  await world.close();
});

// A number meets its unit with a non-breaking space in what users read; the rows are written with plain ones.
const shown = (card: Card | string) => (typeof card === 'string' ? card : JSON.stringify(card)).replaceAll('\u00a0', ' ');

async function play(rows: Row[]) {
  for (const [i, [what, act, expected]] of rows.entries()) {
    const text = shown(await act());
    for (const e of expected) expect(text, `row ${i + 1} (${what}) should show ${e}`).toMatch(e);
  }
}

/** What the user reads when the use case refuses: the error's own words. */
const refusal = (lang: Lang, call: () => Promise<unknown>) => async () =>
  call().then(
    () => 'no refusal',
    (e: unknown) => campaignErrorText(campaignErrors(lang), e) ?? String(e),
  );

const WORDS = {
  fr: { line: 'campagne "Bilan 4e" 1.1 2.1 niveau 2 classes 4A', created: /Campagne « Bilan 4e » créée/, push: /Envoyer aux élèves/, pushed: /3 élèves vont recevoir/, code: /Noé|rattaché/, status: /Suivi de l’envoi/, never: /n’ont jamais ouvert Partix/, results: /1 a commencé sur 4 élèves · 1 a envoyé ses résultats/, mastery: /MARTIN Léa \(4A\) · envoyé · maîtrise 100 %/, archived: /archivée/, start: /Commencer/, later: /Plus tard/, counter: /Question 1 sur environ 12/, end: /Vous maîtrisez 100 % des acquis visés/, share: /Envoyer mes résultats/, confirm: /Envoyer vos résultats \?/, again: /déjà envoyé vos résultats/, archivedJoin: /est archivée/, unknownCode: /n’est le code d’aucune campagne/, badClass: /Classe inconnue dans votre établissement : « 6Z »/ },
  en: { line: 'campaign "Year 8 review" 1.1 2.1 level 2 class 4A', created: /Campaign “Year 8 review” created/, push: /Send to the students/, pushed: /3 students will get the campaign/, code: /linked their account yet/, status: /Sending status/, never: /never opened Partix/, results: /1 of 4 students started · 1 sent their results/, mastery: /MARTIN Léa \(4A\) · sent · mastery 100%/, archived: /archived/, start: /Start/, later: /Later/, counter: /Question 1 of about 12/, end: /You master 100% of the targeted skills/, share: /Send my results/, confirm: /Send your results\?/, again: /already sent your results/, archivedJoin: /is archived/, unknownCode: /is no campaign’s code/, badClass: /Unknown class in your school: “6Z”/ },
};

describe.each(['fr', 'en'] as const)('in %s', (lang) => {
  const ctx = (): RenderContext => ({ cards: templates, t: messages(lang), lang, framework: world.framework });
  const w = WORDS[lang];

  it('the teacher creates, pushes, follows the push, reads the results and archives; the student joins by the code, takes the test and shares', async () => {
    let campaign!: Campaign;
    let participation!: Participation;
    let step!: CampaignStep;
    const teacher = world.teacher;
    const lea = world.student.lea;
    const deps = world.deps;
    const answerAll = async () => {
      while (step.kind === 'question') {
        const c = step.step.challenge!;
        step = (await answerCampaignChallenge({ userId: lea, participationId: participation.id, assessmentId: step.step.assessment.id, challengeId: c.id, raw: inputsFor(c, c.level <= 2 ? 'right' : 'wrong'), skip: false, activityId: null, deps })).next;
      }
      return renderCampaignEnd(ctx(), step, null);
    };
    await play([
      ['teacher: a class that does not exist', refusal(lang, () => createCampaign({ userId: teacher, input: parseCampaignLine(`${w.line} 6Z`), deps })), [w.badClass]],
      ['teacher: the one-line campaign', async () => renderCampaignCreated(ctx(), (campaign = await createCampaign({ userId: teacher, input: parseCampaignLine(w.line), deps }))), [w.created, w.push]],
      ['teacher: send to the students', async () => renderPushOutcome(ctx(), campaign, await pushCampaign({ userId: teacher, campaignId: campaign.id, deps })), [w.pushed, w.code]],
      ['the cards go out', async () => (await world.deliverAll(), 'delivered'), []],
      ['teacher: sending status', async () => renderPushStatus(ctx(), campaign, await pushStatus({ userId: teacher, campaignId: campaign.id, deps })), [w.status, w.never, /\*\*[A-HJKMNP-Z]{6}[2-9]{3}\*\*/]],
      ['student: the card in the personal chat', async () => renderCampaignInvite(ctx(), campaign, 'push', null), [w.start, w.later]],
      ['student: a code that is none', refusal(lang, () => joinCampaign({ userId: lea, code: 'zzz zzz 999', deps })), [w.unknownCode]],
      ['student: types the code in lower case with spaces', async () => {
        participation = (await joinCampaign({ userId: lea, code: `${campaign.code.slice(0, 3)} ${campaign.code.slice(3)}`.toLowerCase(), deps })).participation;
        step = await campaignStep({ userId: lea, participationId: participation.id, deps });
        return step.kind === 'question' ? campaignCounter(ctx(), step) : 'finished';
      }, [w.counter]],
      ['student: answers every question', answerAll, [w.end, w.share]],
      ['student: send my results', async () => renderShareConfirm(ctx(), campaign, participation), [w.confirm]],
      ['student: yes, send', async () => renderCampaignEnd(ctx(), { kind: 'finished', campaign, participation: (participation = await shareResults({ userId: lea, participationId: participation.id, deps })), result: participation.result! }, null), [/Bilan 4e|Year 8 review/]],
      ['student: sends again', refusal(lang, () => shareResults({ userId: lea, participationId: participation.id, deps })), [w.again]],
      ['teacher: results', async () => renderCampaignResults(ctx(), await campaignResults({ userId: teacher, campaignId: campaign.id, deps })), [w.results, w.mastery]],
      ['teacher: archive', async () => renderCampaignEdited(ctx(), await archiveCampaign({ userId: teacher, campaignId: campaign.id, deps })), [w.archived]],
      ['another student: the code of the archived campaign', refusal(lang, () => joinCampaign({ userId: world.student.hugo, code: campaign.code, deps })), [w.archivedJoin]],
    ]);
  });
});
