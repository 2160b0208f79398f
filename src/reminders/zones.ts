/**
 * The holiday zone of a school, from the department its UAJ starts with (three digits: "086" for
 * Vienne), by académie: zone A Besançon, Bordeaux, Clermont-Ferrand, Dijon, Grenoble, Limoges,
 * Lyon, Poitiers; zone B Aix-Marseille, Amiens, Lille, Nancy-Metz, Nantes, Nice, Normandie,
 * Orléans-Tours, Reims, Rennes, Strasbourg; zone C Créteil, Montpellier, Paris, Toulouse, Versailles.
 * Corsica and overseas have calendars of their own: no zone, the school's setting must name one.
 */
import type { HolidayZone } from '../certification/model.js';

const DEPARTMENTS: Record<HolidayZone, string> = {
  A: '25 39 70 90 24 33 40 47 64 03 15 43 63 21 58 71 89 07 26 38 73 74 19 23 87 01 42 69 16 17 79 86',
  B: '04 05 13 84 02 60 80 59 62 54 55 57 88 44 49 53 72 85 06 83 14 27 50 61 76 18 28 36 37 41 45 08 10 51 52 22 29 35 56 67 68',
  C: '77 93 94 11 30 34 48 66 75 09 12 31 32 46 65 81 82 78 91 92 95',
};

const ZONE_OF = new Map<string, HolidayZone>(
  (Object.entries(DEPARTMENTS) as Array<[HolidayZone, string]>).flatMap(([zone, list]) => list.split(' ').map((d) => [d, zone] as const)),
);

export function zoneOfUaj(uaj: string): HolidayZone | null {
  return /^0\d\d/.test(uaj) ? (ZONE_OF.get(uaj.slice(1, 3)) ?? null) : null;
}
