/**
 * The referent enrols one student by INE or by names ("Martin Léa", "Léa Martin"; accents, case
 * and spaces aside), among the students of their own school: added, already enrolled, not found,
 * or several homonyms (the INE tells them apart).
 */
import { normalizeName } from '../schools/reconciliation.js';
import type { CertificationDeps } from './deps.js';
import { enrolmentAccess, tellHost } from './enrolment.js';

export type OneEnrolment = { outcome: 'added' | 'already'; firstName: string; lastName: string; division: string } | { outcome: 'notFound' | 'homonyms'; typed: string };

/** An INE: 11 characters, digits and letters, the last a letter (e.g. 123456789AB). */
export const isIne = (word: string) => /^[0-9A-Z]{10}[A-Z]$/i.test(word) && /\d/.test(word);

/**
 * What the words after "inscrire CODE" name: classes (each a class of the school, or a word with a
 * digit, like "9Z", refused then as an unknown class), else one student (an INE, or names).
 */
export function enrolmentTarget(words: string[], divisions: string[]): { kind: 'divisions'; divisions: string[] } | { kind: 'student'; who: string } {
  const known = new Map(divisions.map((d) => [d.toLowerCase(), d]));
  if (words.length === 1 && isIne(words[0]!) && !known.has(words[0]!.toLowerCase())) return { kind: 'student', who: words[0]! };
  if (words.every((w) => known.has(w.toLowerCase()) || /\d/.test(w))) return { kind: 'divisions', divisions: words.map((w) => known.get(w.toLowerCase()) ?? w) };
  return { kind: 'student', who: words.join(' ') };
}

export async function enrolByIdentity({ userId, sessionId, who, uaj, deps }: { userId: string; sessionId: string; who: string; uaj?: string; deps: CertificationDeps }): Promise<OneEnrolment> {
  const access = await enrolmentAccess(deps, userId, sessionId, uaj);
  const typed = who.trim().slice(0, 200);
  const wanted = normalizeName(typed);
  const students = await deps.sessions.studentsOfSchool(access.referent.school.id);
  const found = isIne(typed)
    ? students.filter((s) => s.ine.toUpperCase() === typed.toUpperCase())
    : students.filter((s) =>
        [s.lastName, s.usageName]
          .filter((n): n is string => !!n)
          .some((last) => [`${last} ${s.firstName}`, `${s.firstName} ${last}`].map(normalizeName).includes(wanted)),
      );
  if (found.length !== 1) return { outcome: found.length === 0 ? 'notFound' : 'homonyms', typed };
  const student = found[0]!;
  const added = await deps.candidates.enrol(access.session.id, [student.id], userId, deps.clock());
  await tellHost(deps, access, added);
  return { outcome: added === 1 ? 'added' : 'already', firstName: student.firstName, lastName: student.lastName, division: student.division };
}
