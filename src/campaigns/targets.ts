/**
 * The ready-made targets a teacher can pick instead of listing competences. What each is based on,
 * and what is an assumption, is written in docs/targets.md: no official text was at hand when they
 * were made, only the project's spec and seed.
 */
import type { TargetCompetence } from './model.js';

export interface ReadyMadeTarget {
  name: string;
  label: { fr: string; en: string };
  competences: TargetCompetence[];
}

const ALL_COMPETENCES = ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '5.1', '5.2'];

export const READY_MADE_TARGETS: readonly ReadyMadeTarget[] = [
  {
    name: 'socle-cycle-4',
    label: { fr: 'Socle commun — cycle 4', en: 'Common core — cycle 4' },
    // The CRCN covers the socle's digital part whole; level 3 is our reading of the end of cycle 4 (assumption).
    competences: ALL_COMPETENCES.map((competenceId) => ({ competenceId, level: 3 })),
  },
  {
    name: 'snt-seconde',
    label: { fr: 'SNT — seconde', en: 'SNT — seconde (digital science and technology)' },
    // The SNT themes (Internet, the Web, social networks, structured data, maps and location,
    // embedded systems, digital photography) and its Python programming, mapped on the CRCN by us.
    competences: [
      { competenceId: '1.1', level: 4 },
      { competenceId: '1.3', level: 4 },
      { competenceId: '2.2', level: 4 },
      { competenceId: '2.4', level: 4 },
      { competenceId: '3.2', level: 4 },
      { competenceId: '3.4', level: 4 },
      { competenceId: '4.2', level: 4 },
      { competenceId: '5.2', level: 4 },
    ],
  },
];

/** The target a word names: its id, or a short name a teacher types (socle, snt). */
export function readyMadeTarget(word: string): ReadyMadeTarget | null {
  const w = word.trim().toLowerCase();
  return READY_MADE_TARGETS.find((t) => t.name === w || t.name.split('-')[0] === w) ?? null;
}
