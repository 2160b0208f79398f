/** Where a session takes place, as the referent's cards and the candidates' reminders say it. */
import { expect, it } from 'vitest';
import { certificationMessages } from '../../src/i18n/certification-messages.js';

it('says "salle 12" for a bare number and keeps a room that is already named ("Salle 12", "CDI")', () => {
  const fr = certificationMessages('fr').session;
  const en = certificationMessages('en').session;
  expect(fr.placeValue('Bâtiment B', '12')).toBe('Bâtiment B, salle 12');
  expect(fr.placeValue('Bâtiment B', 'Salle 12')).toBe('Bâtiment B, Salle 12');
  expect(fr.placeValue('Bâtiment B', 'CDI')).toBe('Bâtiment B, CDI');
  expect(en.placeValue('Building B', '12')).toBe('Building B, room 12');
  expect(en.placeValue('Building B', 'Room 12')).toBe('Building B, Room 12');
});
