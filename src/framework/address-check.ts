/**
 * The bank speaks to the student as "vous" (issue 11, point 10: five challenges said "tu"). What a
 * student reads (instruction, its spoken version, field labels, proposals, explanation) must not say
 * "tu", "toi", "te", "t'", "ta" or "tes", outside quotes, where a character may speak as they like
 * (« TU AS ENCORE OUBLIÉ LE LIVRE », « @Yasmine peux-tu vérifier… ») and outside `code`. "ton" is
 * left alone: it is also a noun ("le même ton").
 */
import { isAskable, type Challenge, type Framework } from './model.js';

const INFORMAL = /(?<![\p{L}\p{N}-])(?:tu|toi|te|ta|tes)(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])t['’](?=\p{L})|-tu(?![\p{L}\p{N}])/iu;

/** The text without what characters say (« … », "…") and without code (`…`). */
function narration(text: string): string {
  return text.replace(/«[^»]*»|“[^”]*”|"[^"]*"|`[^`]*`/gu, ' ');
}

function textsOf(challenge: Challenge): Array<[string, string]> {
  const texts: Array<[string, string]> = [
    ['la consigne', challenge.instruction],
    ['l’explication', challenge.explanation],
  ];
  if (challenge.alternativeInstruction) texts.push(['la consigne alternative', challenge.alternativeInstruction]);
  if ('proposals' in challenge) challenge.proposals.forEach((p, i) => texts.push([`la proposition ${i + 1}`, p]));
  if (challenge.type === 'QROC' && challenge.label) texts.push(['le libellé', challenge.label]);
  if (challenge.type === 'QROCM-ind' || challenge.type === 'QROCM-dep') challenge.fields.forEach((f) => texts.push([`le champ ${f.key}`, f.label]));
  return texts;
}

export function informalAddressProblems(framework: Framework): string[] {
  const problems: string[] = [];
  for (const challenge of framework.challenges.values()) {
    if (!isAskable(challenge)) continue;
    for (const [where, text] of textsOf(challenge)) {
      const found = INFORMAL.exec(narration(text));
      if (found) problems.push(`${challenge.id}: ${where} tutoie l’élève (« ${found[0]} ») ; le contenu dit « vous »`);
    }
  }
  return problems;
}
