/**
 * The French school holidays of zones A, B and C for 2026-2027 and 2027-2028, as data.
 *
 * Each period is given as the ministry writes it: the day classes end ("fin des cours", after
 * class) and the day they resume ("reprise des cours"); the days strictly between are holidays.
 * The setting HOLIDAYS_FILE replaces these dates with a JSON file of the same shape (see
 * .env.example), without a new build.
 *
 * Checked on 2026-12-03 (see `source`):
 * - 2026-2027: every date below matches the draft arrêté presented on 3 September 2025 for the
 *   Conseil supérieur de l'éducation of 23 September 2025, as quoted by SGEN-CFDT
 *   (https://champagne-ardenne.sgen-cfdt.fr/actu/calendrier-scolaire-2026-2027-un-projet-sans-consensus):
 *   Toussaint 17 Oct–2 Nov 2026 (also espritmaman.com), Noël 19 Dec 2026–4 Jan 2027, winter A
 *   13 Feb–1 Mar, B 20 Feb–8 Mar, C 6 Feb–22 Feb, spring A 10–26 Apr, B 17 Apr–3 May, C 3–19 Apr,
 *   the Ascension bridge Thursday 6 to Sunday 9 May (classes end Wednesday 5, resume Monday 10),
 *   end of classes Saturday 3 July 2027. Not seen: the arrêté as published in the Journal officiel
 *   (a later change is possible), and the day classes resume in September 2027 (1 September here
 *   is a guess).
 * - 2027-2028: no source found (not published when checked): every date of it is PROVISIONAL,
 *   written from memory; check https://www.education.gouv.fr/calendrier-scolaire-100148 before
 *   that season, or set HOLIDAYS_FILE.
 */
import type { HolidayCalendar } from './holidays.js';

export const SHIPPED_HOLIDAYS: HolidayCalendar = {
  source:
    'https://www.education.gouv.fr/calendrier-scolaire-100148 — 2026-2027 checked on 2026-12-03 against the draft arrêté of September 2025 (quoted by SGEN-CFDT), not against the published arrêté, and September 2027 resumption unverified; 2027-2028 unverified (provisional, from memory)',
  periods: [
    // 2026-2027
    { name: 'Toussaint 2026', zones: ['A', 'B', 'C'], endOfClasses: '2026-10-17', resumption: '2026-11-02' },
    { name: 'Noël 2026', zones: ['A', 'B', 'C'], endOfClasses: '2026-12-19', resumption: '2027-01-04' },
    { name: 'Hiver 2027', zones: ['A'], endOfClasses: '2027-02-13', resumption: '2027-03-01' },
    { name: 'Hiver 2027', zones: ['B'], endOfClasses: '2027-02-20', resumption: '2027-03-08' },
    { name: 'Hiver 2027', zones: ['C'], endOfClasses: '2027-02-06', resumption: '2027-02-22' },
    { name: 'Printemps 2027', zones: ['A'], endOfClasses: '2027-04-10', resumption: '2027-04-26' },
    { name: 'Printemps 2027', zones: ['B'], endOfClasses: '2027-04-17', resumption: '2027-05-03' },
    { name: 'Printemps 2027', zones: ['C'], endOfClasses: '2027-04-03', resumption: '2027-04-19' },
    { name: 'Pont de l’Ascension 2027', zones: ['A', 'B', 'C'], endOfClasses: '2027-05-05', resumption: '2027-05-10' },
    // Resumption in September 2027: not in the sources seen (a guess).
    { name: 'Été 2027', zones: ['A', 'B', 'C'], endOfClasses: '2027-07-03', resumption: '2027-09-01' },
    // 2027-2028 (provisional: from memory, no source found when checked)
    { name: 'Toussaint 2027', zones: ['A', 'B', 'C'], endOfClasses: '2027-10-23', resumption: '2027-11-08' },
    { name: 'Noël 2027', zones: ['A', 'B', 'C'], endOfClasses: '2027-12-18', resumption: '2028-01-03' },
    { name: 'Hiver 2028', zones: ['A'], endOfClasses: '2028-02-19', resumption: '2028-03-06' },
    { name: 'Hiver 2028', zones: ['B'], endOfClasses: '2028-02-12', resumption: '2028-02-28' },
    { name: 'Hiver 2028', zones: ['C'], endOfClasses: '2028-02-26', resumption: '2028-03-13' },
    { name: 'Printemps 2028', zones: ['A'], endOfClasses: '2028-04-15', resumption: '2028-05-02' },
    { name: 'Printemps 2028', zones: ['B'], endOfClasses: '2028-04-08', resumption: '2028-04-24' },
    { name: 'Printemps 2028', zones: ['C'], endOfClasses: '2028-04-22', resumption: '2028-05-09' },
    { name: 'Pont de l’Ascension 2028', zones: ['A', 'B', 'C'], endOfClasses: '2028-05-24', resumption: '2028-05-29' },
    { name: 'Été 2028', zones: ['A', 'B', 'C'], endOfClasses: '2028-07-01', resumption: '2028-09-01' },
  ],
};
