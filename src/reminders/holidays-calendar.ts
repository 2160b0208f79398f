/**
 * The French school holidays of zones A, B and C for 2026-2027 and 2027-2028, as data.
 *
 * Source: the ministry's "calendrier scolaire", https://www.education.gouv.fr/calendrier-scolaire-100148
 * (arrêtés fixing the calendar of each school year). These dates were written from memory, without
 * network access, when this file was made: THEY MUST BE CHECKED against that page before a season
 * (2027-2028 especially, marked provisional). The setting HOLIDAYS_FILE replaces them with a JSON file
 * of the same shape (see .env.example), without a new build.
 *
 * Each period is given as the ministry writes it: the day classes end ("fin des cours", after
 * class) and the day they resume ("reprise des cours"); the days strictly between are holidays.
 */
import type { HolidayCalendar } from './holidays.js';

export const SHIPPED_HOLIDAYS: HolidayCalendar = {
  source: 'https://www.education.gouv.fr/calendrier-scolaire-100148 (from memory: to be checked)',
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
    { name: 'Été 2027', zones: ['A', 'B', 'C'], endOfClasses: '2027-07-03', resumption: '2027-09-01' },
    // 2027-2028 (provisional)
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
