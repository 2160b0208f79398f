/**
 * Layer: cards. The referent's certification cards in French and English, through the walker
 * (the SDK parses them with no warning, no unbound expression, every button a referent verb the
 * router accepts): the session form, the session card at each stage (only the buttons that can
 * work then), the list, the enrolment and finalisation forms, the candidates and the summary.
 */
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import {
  EMPTY_SESSION_FORM,
  renderCandidates,
  renderEnrolForm,
  renderFinaliseForm,
  renderSessionCard,
  renderSessionForm,
  renderSessionList,
  renderSessionSummary,
} from '../../src/cards/render-certification.js';
import type { RenderContext } from '../../src/cards/render.js';
import { CardTemplates } from '../../src/cards/template.js';
import { viewOf } from '../../src/certification/list-sessions.js';
import type { EnrolledStudent, Session } from '../../src/certification/model.js';
import { loadFramework } from '../../src/framework/loader.js';
import { messages, type Lang } from '../../src/i18n/messages.js';
import type { School } from '../../src/schools/model.js';
import { cardActions, cardText } from '../helpers/chat.js';
import { buildTestContent } from '../helpers/content-builder.js';
import { removeTempDir } from '../helpers/temp.js';
import { checkCard, rolesOf } from './walker.js';

function contexts(): RenderContext[] {
  const content = buildTestContent();
  const framework = loadFramework(content);
  removeTempDir(content);
  const cards = new CardTemplates(resolve('cards'));
  return (['fr', 'en'] as Lang[]).map((lang) => ({ cards, t: messages(lang), lang, framework }));
}

const session: Session = {
  id: 's-1',
  schoolId: 'school-1',
  site: 'Bâtiment B',
  room: '12',
  date: '2027-05-18',
  time: '14:00',
  examiners: 'M. Leroy',
  description: 'Certification des 3e',
  accessCode: 'KTBX47',
  status: 'created',
  durationMinutes: 120,
  openToNetwork: true,
  createdBy: 'u-1',
};
const school = { id: 'school-1', uaj: '0860001A', name: 'Collège Jean Moulin' } as School;
const candidate = (id: string, firstName: string, lastName: string, division: string): EnrolledStudent =>
  ({ id, sessionId: 's-1', studentId: `st-${id}`, state: 'enrolled', userId: null, deadlineAt: null, note: null, reproducibilityRate: null, totalPix: null, outcome: null, schoolId: 'school-1', firstName, secondFirstName: null, thirdFirstName: null, lastName, usageName: null, birthDate: '2011-05-04', division, linkedUserId: null }) as EnrolledStudent;
const lea = candidate('c-1', 'Léa', 'Martin', '3A');
const tom = candidate('c-2', 'Tom', 'Durand', '3A');
const verbsOf = (card: object) => cardActions(card as never).map((a) => a.verb);

test('every certification card of the referent passes the walker, in French and English, with referent verbs only', () => {
  for (const ctx of contexts()) {
    const views = [
      viewOf(session, '2027-05-10', 3, true),
      viewOf(session, '2027-05-18', 3, true),
      viewOf(session, '2027-05-19', 3, true),
      viewOf({ ...session, status: 'finalised' }, '2027-05-19', 3, true),
      viewOf({ ...session, status: 'published' }, '2027-05-19', 3, true),
      viewOf(session, '2027-05-10', 1, false),
    ];
    const cards = [
      renderSessionForm(ctx, { values: EMPTY_SESSION_FORM, network: 'réseau Eclère', window: { from: '04-01', to: '07-31' } }),
      renderSessionForm(ctx, { values: { ...EMPTY_SESSION_FORM, date: '2027-09-14', site: 'B' }, network: null, window: { from: '04-01', to: '07-31' }, error: 'Refus' }),
      ...views.map((v) => renderSessionCard(ctx, v, 'Créée')),
      renderSessionList(ctx, school, views, [{ view: viewOf(session, '2027-05-10', 1, false), schoolName: 'Collège Camille Claudel' }]),
      renderSessionList(ctx, school, []),
      renderEnrolForm(ctx, session, ['3A', '3B', '4A'], ['3A', '3B']),
      renderEnrolForm(ctx, session, [], []),
      renderCandidates(ctx, session, [
        { candidate: lea, eligible: true, certifiable: 5 },
        { candidate: tom, eligible: false, certifiable: 1 },
      ]),
      renderCandidates(ctx, session, []),
      renderFinaliseForm(ctx, session, [lea, tom], { 'c-1': 'en retard' }, 'Trop long'),
      renderSessionSummary(ctx, { ...session, status: 'published' }, [{ ref: { sessionId: 's-1', schoolId: 'school-1', division: '3A' }, certified: 1, total: 2, average: 80, csvUrl: 'https://partix.test/certification/results/x.csv' }], 72),
      renderSessionSummary(ctx, { ...session, status: 'published' }, [{ ref: { sessionId: 's-1', schoolId: 'school-1', division: '3A' }, certified: 1, total: 2, average: 80, csvUrl: null }], 72),
    ];
    for (const card of cards) {
      checkCard(card, cardText(card as never).slice(0, 80));
      // A card without buttons (the candidates, a summary) is for anyone who may read it; the others for referents.
      if (verbsOf(card).length > 0) expect(rolesOf(card)).toEqual(['referent']);
    }
  }
});

test('a session card offers only the buttons that can work at its stage', () => {
  const [ctx] = contexts();
  expect(verbsOf(renderSessionCard(ctx!, viewOf(session, '2027-05-10', 0, true)))).toEqual(['sessionEnrol', 'sessionCandidates']);
  expect(verbsOf(renderSessionCard(ctx!, viewOf(session, '2027-05-18', 0, true)))).toEqual(['sessionEnrol', 'sessionCandidates', 'sessionFinalise']);
  expect(verbsOf(renderSessionCard(ctx!, viewOf(session, '2027-05-19', 0, true)))).toEqual(['sessionCandidates', 'sessionFinalise']);
  expect(verbsOf(renderSessionCard(ctx!, viewOf({ ...session, status: 'finalised' }, '2027-05-19', 0, true)))).toEqual(['sessionCandidates', 'sessionPublish']);
  expect(verbsOf(renderSessionCard(ctx!, viewOf({ ...session, status: 'published' }, '2027-05-19', 0, true)))).toEqual(['sessionCandidates', 'sessionResults']);
  // A partner school's referent enrols and reads; finalising and publishing are the host's.
  expect(verbsOf(renderSessionCard(ctx!, viewOf(session, '2027-05-18', 0, false)))).toEqual(['sessionEnrol', 'sessionCandidates']);
  expect(verbsOf(renderSessionCard(ctx!, viewOf({ ...session, status: 'finalised' }, '2027-05-19', 0, false)))).toEqual(['sessionCandidates']);
});
