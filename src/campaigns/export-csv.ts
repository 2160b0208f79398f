/**
 * The campaign's CSV export in the spec's columns (§8), for French Excel: UTF-8 with BOM, `;`, CRLF,
 * written by csv-stringify. Names and external ids come from the school or the student: a cell a
 * spreadsheet would run as a formula starts with `'` (as the import report does). Only participants
 * are rows; mastery cells stay empty until the student shares.
 */
import { stringify } from 'csv-stringify/sync';
import { campaignResults, type StudentResult } from './campaign-results.js';
import type { CampaignDeps } from './deps.js';
import { competenceMastery, isCertifiable, stageOf, STAGE_THRESHOLDS } from './mastery.js';
import type { Campaign } from './model.js';
import { readyMadeTarget } from './targets.js';

type Cell = string | number | null;

const percent = (rate: number) => Math.round(rate * 100);
const day = (date: Date | null) => (date ? new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }).format(date) : '');

function targetLabel(campaign: Campaign): string {
  if (campaign.type === 'profile_collection') return '';
  const ready = campaign.targetName ? readyMadeTarget(campaign.targetName) : null;
  return ready ? ready.label.fr : campaign.targets.map((t) => `${t.competenceId} (niveau ${t.level})`).join(', ');
}

function assessmentColumns(campaign: Campaign): string[] {
  return [
    '% de progression',
    'Date de début',
    'Partage (O/N)',
    'Date du partage',
    `Palier obtenu (/${STAGE_THRESHOLDS.length})`,
    '% de maîtrise de l’ensemble des acquis du profil',
    ...campaign.targets.flatMap((t) => [`% de maîtrise des acquis de la compétence ${t.competenceId}`, `Nombre d’acquis du profil cible dans la compétence ${t.competenceId}`, `Acquis maîtrisés dans la compétence ${t.competenceId}`]),
  ];
}

function assessmentCells(campaign: Campaign, s: StudentResult): Cell[] {
  const r = s.result;
  return [
    s.progress,
    day(s.startedAt),
    s.state === 'shared' ? 'O' : 'N',
    day(s.sharedAt),
    r ? stageOf(r.mastery) : '',
    r ? percent(r.mastery) : '',
    ...campaign.targets.flatMap((t): Cell[] => {
      const c = r?.competences.find((x) => x.competenceId === t.competenceId);
      return c ? [percent(competenceMastery(c)), c.targetedSkills, c.validatedSkills] : ['', '', ''];
    }),
  ];
}

function collectionColumns(competenceIds: string[]): string[] {
  return ['Envoi (O/N)', 'Date de l’envoi', 'Nombre de pix total', 'Certifiable (O/N)', 'Nombre de compétences certifiables', ...competenceIds.flatMap((id) => [`Niveau pour la compétence ${id}`, `Nombre de pix pour la compétence ${id}`])];
}

function collectionCells(competenceIds: string[], s: StudentResult): Cell[] {
  const r = s.result;
  return [
    s.state === 'shared' ? 'O' : 'N',
    day(s.sharedAt),
    r ? r.totalPix : '',
    r ? (isCertifiable(r) ? 'O' : 'N') : '',
    r ? r.certifiableCompetences : '',
    ...competenceIds.flatMap((id): Cell[] => {
      const c = r?.competences.find((x) => x.competenceId === id);
      return c ? [c.level, c.pix] : ['', ''];
    }),
  ];
}

export async function exportCampaignCsv({ userId, campaignId, deps }: { userId: string; campaignId: string; deps: CampaignDeps }): Promise<{ fileName: string; csv: string }> {
  const { campaign, school, students } = await campaignResults({ userId, campaignId, deps });
  const competenceIds = [...deps.assessment.framework.competences.keys()];
  const collection = campaign.type === 'profile_collection';
  const header = [
    'Établissement',
    'ID campagne',
    'Code',
    'Nom de la campagne',
    'Profil cible',
    'Nom',
    'Prénom',
    'Classe',
    campaign.externalIdLabel ?? 'Identifiant externe',
    ...(collection ? collectionColumns(competenceIds) : assessmentColumns(campaign)),
  ];
  const rows: Cell[][] = [header];
  for (const s of students.filter((x) => x.state !== 'not_started')) {
    const identity: Cell[] = [school.name, campaign.id, campaign.code, campaign.name, targetLabel(campaign), s.lastName, s.firstName, s.division, s.externalId ?? ''];
    rows.push([...identity, ...(collection ? collectionCells(competenceIds, s) : assessmentCells(campaign, s))]);
  }
  const csv = stringify(rows, { delimiter: ';', record_delimiter: 'windows', bom: true, quoted: true, quoted_empty: true, escape_formulas: true });
  return { fileName: `campagne-${campaign.code}.csv`, csv };
}
