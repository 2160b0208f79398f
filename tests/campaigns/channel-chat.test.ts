/**
 * Layer: chat over HTTP, real SQLite, in French and English. The campaign's card in a class team's
 * channel ("@Partix campagne CODE", by its owner): a student's click sends the campaign to their
 * personal chat through the outbox when Partix may write there, and otherwise tells them (them
 * alone) to open Partix first; nothing about a student reaches the channel. And a typed "passer"
 * on a campaign's question skips in the campaign.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { actionNamed, cardText, startTestBot, Student, type BotReply, type CardJson, type TestBot } from '../helpers/chat.js';
import { Conversation, replyText } from '../helpers/conversation.js';
import { deliverOutbox } from '../helpers/jobs.js';
import { siecle } from './world.js';

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
});
afterEach(async () => {
  await bot.close();
});

const CHANNEL = '19:classe-4a@thread.tacv2';

/** An activity of this user in the class team's channel. */
function inChannel(bot: TestBot, s: Student, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    id: `act-channel-${Math.random().toString(36).slice(2)}`,
    timestamp: bot.clock.now.toISOString(),
    serviceUrl: bot.connectorUrl,
    channelId: 'msteams',
    from: { id: s.teamsId, name: s.name, aadObjectId: `aad-${s.teamsId}` },
    conversation: { id: CHANNEL, conversationType: 'channel', tenantId: 'tenant-1' },
    recipient: { id: '28:partix-bot', name: 'Partix' },
    locale: s.locale,
    channelData: { tenant: { id: 'tenant-1' }, channel: { id: CHANNEL } },
    ...extra,
  };
}

const sayInChannel = (s: Student, text: string) =>
  s.post(inChannel(bot, s, { type: 'message', text: `<at>Partix</at> ${text}`, entities: [{ type: 'mention', mentioned: { id: '28:partix-bot', name: 'Partix' }, text: '<at>Partix</at>' }] }));

/** A click on the channel card's button: Action.Execute (an invoke), or the Action.Submit fallback (a message). */
function clickInChannel(s: Student, card: CardJson, via: 'execute' | 'submit' = 'execute'): Promise<BotReply> {
  const { verb, ...data } = actionNamed(card, 'campaignChannelStart').data;
  if (via === 'submit') return s.post(inChannel(bot, s, { type: 'message', replyToId: 'channel-card-1', value: { verb, ...data } }));
  return s.post(inChannel(bot, s, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' } }));
}

/** The teacher (campaign right), Léa and Hugo (linked, in 4A; Léa has opened Partix, Hugo only ever was in the channel), Noé (4A, not linked). */
async function classOf(locale: string) {
  const { app } = bot;
  const now = app.clock();
  const school = await app.schools.addSchool('0860001A', 'Collège Jean Moulin', now);
  const teacher = new Student(bot, '29:teacher', locale, 'Marc Leroy');
  const lea = new Student(bot, '29:lea', locale, 'Léa Martin');
  const hugo = new Student(bot, '29:hugo', locale, 'Hugo Bernard');
  const noe = new Student(bot, '29:noe', locale, 'Noé Roux');
  for (const s of [teacher, lea, noe]) await s.say(locale.startsWith('fr') ? 'bonjour' : 'hello');
  await app.users.identify({ teamsUserId: hugo.teamsId, name: hugo.name }, now);
  const id = async (s: Student) => (await app.users.findByTeamsId(s.teamsId))!.id;
  await app.schools.staff.grant({ schoolId: school.id, userId: await id(teacher), role: 'teacher', canCreateCampaigns: true, grantedBy: null, now });
  await app.schools.students.applyImport(school.id, [siecle('111111111AA', 'Léa', 'MARTIN', '4A'), siecle('222222222BB', 'Hugo', 'BERNARD', '4A'), siecle('333333333CC', 'Noé', 'ROUX', '4A')], now);
  const records = await app.schools.students.studentsOfDivision(school.id, '4A');
  await app.schools.students.link(records.find((r) => r.firstName === 'Léa')!.id, await id(lea), now);
  await app.schools.students.link(records.find((r) => r.firstName === 'Hugo')!.id, await id(hugo), now);
  const c = new Conversation(bot, teacher);
  await c.play([[locale.startsWith('fr') ? 'campagne "Bilan 4e" 1.1 2.1 classes 4A' : 'campaign "Year 8 review" 1.1 2.1 class 4A', [/[A-HJKMNP-Z]{6}[2-9]{3}/]]]);
  const code = /\*\*([A-HJKMNP-Z]{6}[2-9]{3})\*\*/.exec(replyText(c.last))![1]!;
  return { teacher, lea, hugo, noe, code };
}

/** The card the bot posted in the channel. */
function channelCard(reply: BotReply): CardJson {
  const card = reply.cards.at(-1)?.card;
  if (!card) throw new Error(`no card in the channel:\n${replyText(reply)}`);
  return card;
}

describe('the campaign card in a channel', () => {
  test('in French: posted by its owner; a click reaches the personal chat, or says to open Partix first; never a student’s data in the channel', async () => {
    const { teacher, lea, hugo, noe, code } = await classOf('fr-FR');
    const posted = await sayInChannel(teacher, `campagne ${code}`);
    const card = channelCard(posted);
    expect(cardText(card)).toMatch(/Campagne : Bilan 4e/);
    expect(cardText(card)).toMatch(/Commencer dans ma conversation/);
    expect(cardText(card)).toMatch(new RegExp(code));
    // A student asking for the card in the channel gets no card.
    const asked = await sayInChannel(lea, `campagne ${code}`);
    expect(asked.cards).toEqual([]);
    expect(replyText(asked)).toMatch(/Je ne trouve pas cette campagne/);

    // Léa opened Partix once: the campaign goes to her personal chat, the answer is hers (the invoke's card).
    let click = await clickInChannel(lea, card);
    expect(click.invoke?.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(click.invoke!.value as CardJson)).toMatch(/C’est envoyé : la campagne « Bilan 4e » vous attend dans votre conversation personnelle/);
    expect(click.cards).toEqual([]);
    expect(click.texts).toEqual([]);
    await deliverOutbox(bot);
    const chat = new Conversation(bot, lea);
    expect(replyText(chat.receive())).toMatch(/Votre professeur·e vous propose cette campagne/);
    await chat.play([[{ click: 'campaignStart' }, [/Question 1 sur environ \d+/]]]);
    // A second click sends nothing twice.
    click = await clickInChannel(lea, card);
    expect(cardText(click.invoke!.value as CardJson)).toMatch(/Partix vous a déjà envoyé la campagne « Bilan 4e »/);
    await deliverOutbox(bot);
    expect(chat.receive().cards).toEqual([]);

    // Hugo never opened Partix, and Teams refuses to open his chat (the app is not installed for him): nothing is queued, he is told how.
    bot.connector.refuseConversations = true;
    click = await clickInChannel(hugo, card);
    expect(cardText(click.invoke!.value as CardJson)).toMatch(/Partix ne peut pas encore vous écrire\. Ouvrez Partix dans vos conversations/);
    expect((await bot.app.outbox.counts()).pending ?? 0).toBe(0);
    // Through the Action.Submit fallback, the card everyone sees is left alone: a text answers, naming nobody.
    click = await clickInChannel(hugo, card, 'submit');
    expect(click.updated).toEqual([]);
    expect(click.texts.join('\n')).toMatch(/Ouvrez Partix dans vos conversations/);
    expect(click.texts.join('\n')).not.toMatch(/Hugo|Léa|MARTIN|BERNARD/);
    // Noé is not linked to his record: the campaign is not for him yet.
    click = await clickInChannel(noe, card);
    expect(replyText(click)).toMatch(/rattach/);
    expect(bot.connector.conversationsCreated).toEqual([]);

    // Where Teams allows it (the app in the class team), Partix opens Hugo's personal chat itself and the campaign goes there.
    bot.connector.refuseConversations = false;
    click = await clickInChannel(hugo, card);
    expect(cardText(click.invoke!.value as CardJson)).toMatch(/C’est envoyé : la campagne « Bilan 4e » vous attend/);
    expect(bot.connector.conversationsCreated).toEqual([{ memberId: hugo.teamsId, tenantId: 'tenant-1' }]);
    await deliverOutbox(bot);
    expect(replyText(new Conversation(bot, hugo).receive())).toMatch(/Votre professeur·e vous propose cette campagne/);
  });

  test('in English: the card, and a click once Partix was opened', async () => {
    const { teacher, lea, code } = await classOf('en-GB');
    const card = channelCard(await sayInChannel(teacher, `campaign ${code.toLowerCase()}`));
    expect(cardText(card)).toMatch(/Campaign: Year 8 review/);
    const click = await clickInChannel(lea, card);
    expect(cardText(click.invoke!.value as CardJson)).toMatch(/Done: the campaign “Year 8 review” is waiting in your personal chat with Partix/);
    await deliverOutbox(bot);
    expect(replyText(new Conversation(bot, lea).receive())).toMatch(/Your teacher offers you this campaign/);
  });
});

describe('a typed “passer” on a campaign question', () => {
  for (const [locale, word, question] of [['fr-FR', 'passer', /Question 2 sur environ \d+/], ['en-GB', 'skip', /Question 2 of about \d+/]] as const) {
    test(`${locale}: “${word}” skips in the campaign, whose next question follows`, async () => {
      const { lea, code } = await classOf(locale);
      const chat = new Conversation(bot, lea);
      await chat.play([[code, [/Question 1/]]]);
      const first = chat.cardWith('campaignAnswer');
      await chat.play([[word, [question]]]);
      // The question card skipped is corrected in place; the next one is the campaign's, not the competence test's.
      expect(chat.last.updated.map((u) => u.id)).toEqual([first.id]);
      const next = chat.last.cards.at(-1)!.card;
      expect(JSON.stringify(next)).toMatch(/"verb":"campaignAnswer"/);
      expect(JSON.stringify(next)).not.toMatch(/"verb":"answer"/);
    });
  }

  test('a typed “passer” in a competence test outside any campaign is still the competence test’s', async () => {
    const lea = new Conversation(bot, new Student(bot, '29:solo'));
    await lea.play([
      ['commencer 1.1', [/Question 1/]],
      ['passer', [/Question 2/]],
    ]);
    expect(JSON.stringify(lea.last.cards.at(-1)!.card)).toMatch(/"verb":"answer"/);
  });
});
