/** The words of a class's chart and of its text-table stand-in (French, English). */
import type { Lang } from './lang.js';

const fr = {
  title: (className: string, campaign: string) => `Maîtrise par compétence · ${className} · ${campaign}`,
  axisCompetence: 'Compétence',
  axisLevel: 'Niveau moyen',
  axisMastered: 'Maîtrise moyenne des acquis visés (%)',
  measureLevel: 'niveau moyen',
  measureMastered: '% maîtrisé',
  participants: (n: number) => `${n} ${n > 1 ? 'élèves' : 'élève'}`,
  columnCompetence: 'Compét.',
  noData: 'Aucun résultat partagé pour l’instant.',
  refusalExpired: (ttlHours: number) => `Ce lien vers le graphique a expiré (il est valable ${ttlHours} h) : redemandez les résultats de la campagne à Partix.`,
  refusalNotFound: 'Graphique introuvable : vérifiez que le lien est complet, ou redemandez les résultats de la campagne à Partix.',
};

const en: typeof fr = {
  title: (className, campaign) => `Mastery per competence · ${className} · ${campaign}`,
  axisCompetence: 'Competence',
  axisLevel: 'Mean level',
  axisMastered: 'Mean mastery of the targeted skills (%)',
  measureLevel: 'mean level',
  measureMastered: '% mastered',
  participants: (n) => `${n} ${n === 1 ? 'student' : 'students'}`,
  columnCompetence: 'Comp.',
  noData: 'No shared result yet.',
  refusalExpired: (ttlHours) => `This link to the chart has expired (it is valid for ${ttlHours} h): ask Partix for the campaign's results again.`,
  refusalNotFound: 'Chart not found: check that the link is complete, or ask Partix for the campaign’s results again.',
};

export const chartMessages = (lang: Lang) => (lang === 'en' ? en : fr);

/** What the chart's route answers for a link that is not (or no longer) good, in both languages. */
export function chartRefusal(reason: 'expired' | 'not_found', ttlHours: number) {
  return reason === 'expired'
    ? { error: 'link_expired', message: fr.refusalExpired(ttlHours), messageEn: en.refusalExpired(ttlHours) }
    : { error: 'not_found', message: fr.refusalNotFound, messageEn: en.refusalNotFound };
}
