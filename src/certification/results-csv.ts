/**
 * A class's certification results as CSV (UTF-8 with BOM, `;`, for French Excel), by csv-stringify;
 * a cell a spreadsheet would run as a formula (a name starting with =, +, -, @…) starts with `'`.
 */
import { stringify } from 'csv-stringify/sync';
import type { Framework } from '../framework/model.js';
import type { CompetenceResult, EnrolledStudent } from './model.js';

const OUTCOME_FR = { certified: 'Certifié', rejected: 'Rejeté', absent: 'Absent' } as const;

export function classResultsCsv(framework: Framework, rows: Array<{ candidate: EnrolledStudent; results: CompetenceResult[] }>): string {
  const competenceIds = [...framework.competences.keys()];
  const header = ['Classe', 'Nom', 'Prénom', 'Date de naissance', 'Statut', 'Taux de reproductibilité', 'Score (pix)', ...competenceIds.map((id) => `Niveau ${id}`), 'Note'];
  const lines = rows.map(({ candidate, results }) => {
    const byCompetence = new Map(results.map((r) => [r.competenceId, r]));
    return [
      candidate.division,
      candidate.lastName,
      candidate.firstName,
      candidate.birthDate,
      candidate.outcome ? OUTCOME_FR[candidate.outcome] : '',
      candidate.reproducibilityRate ?? '',
      candidate.totalPix ?? 0,
      ...competenceIds.map((id) => byCompetence.get(id)?.level ?? 0),
      candidate.note ?? '',
    ];
  });
  return stringify([header, ...lines], { delimiter: ';', record_delimiter: 'windows', bom: true, quoted: true, quoted_empty: true, escape_formulas: true });
}
