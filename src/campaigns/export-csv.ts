/**
 * The campaign's CSV export in the spec's columns (§8), for French Excel: UTF-8 with BOM, `;`, CRLF,
 * written by csv-stringify. Names and external ids come from the school or the student: a cell a
 * spreadsheet would run as a formula starts with `'` (as the import report does). Only participants
 * are rows; mastery cells stay empty until the student shares.
 */
import { stringify } from 'csv-stringify/sync';
import { exportRefusal } from '../i18n/campaign-messages.js';
import { campaignResults, resultsById, type CampaignResults, type StudentResult } from './campaign-results.js';
import { campaignForStaff, type CampaignDeps } from './deps.js';
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

export interface CampaignCsv {
  fileName: string;
  csv: string;
  /** Participants, one row each (the header aside). */
  rows: number;
}

/** The teacher's own campaign (or, for the referent, any of the school's) as CSV. */
export async function exportCampaignCsv({ userId, campaignId, deps }: { userId: string; campaignId: string; deps: CampaignDeps }): Promise<CampaignCsv> {
  return campaignCsv(deps, await campaignResults({ userId, campaignId, deps }));
}

/**
 * The teacher asks for the export in chat: their rights are checked first, then a signed link is
 * made (nothing is generated until the link is opened, with the figures of that moment). Without
 * PUBLIC_URL, `url` is null: the card says to ask the administrator.
 */
export async function requestCampaignExport({ userId, campaignId, deps }: { userId: string; campaignId: string; deps: CampaignDeps }): Promise<{ campaign: Campaign; url: string | null }> {
  const { campaign } = await campaignForStaff(deps, userId, campaignId);
  return { campaign, url: deps.links.exportUrl(campaign.id) };
}

export type ExportResponse = { status: 200; file: CampaignCsv } | { status: 404; body: ReturnType<typeof exportRefusal> };

/** What GET /campaigns/:id/export/:token.csv answers: the CSV of that campaign only, while its signed link holds. */
export async function exportByLink({ campaignId, file, deps }: { campaignId: string; file: string; deps: CampaignDeps }): Promise<ExportResponse> {
  const check = file.endsWith('.csv') ? deps.links.exportLink(campaignId, file.slice(0, -'.csv'.length)) : 'invalid';
  const csv = check === 'valid' ? await csvOfCampaign(deps, campaignId) : null;
  if (!csv) return { status: 404, body: exportRefusal(check === 'expired' ? 'expired' : 'not_found', deps.links.ttlHours) };
  return { status: 200, file: csv };
}

/** A campaign's CSV by its id, without a rights check: for a signed link, or the operator's command. */
export async function csvOfCampaign(deps: CampaignDeps, campaignId: string): Promise<CampaignCsv | null> {
  const results = await resultsById(deps, campaignId);
  return results ? campaignCsv(deps, results) : null;
}

function campaignCsv(deps: CampaignDeps, { campaign, school, students }: CampaignResults): CampaignCsv {
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
  return { fileName: `campagne-${campaign.code}.csv`, csv, rows: rows.length - 1 };
}
