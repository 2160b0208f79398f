/**
 * Give-aways (issue 11, point 8): once a student has read a correction, another challenge whose answer
 * that correction spells out measures nothing. Any challenge of a competence may follow any other
 * (the probabilistic method, positioning, discovery and retries do not follow the tube's inference),
 * so what a student reads after challenge C (the expected answer, C's explanation and the tutorials
 * of C's skill) must not contain the accepted answer of any other askable challenge of the same
 * competence.
 *
 * What "contains" means, and the rule for trivial answers:
 * - Case and accents do not count (as with the T1 tolerance), but words do: an answer is found only
 *   as whole words of the text, in order, so "rar" is not found in "bizarre". Quotes, apostrophes
 *   and the punctuation of a sentence around a word do not count; other signs do (the operator
 *   "site:" is found in "site:lumni.fr", not in "le site : …").
 * - Accepted answers are every variant of a free answer (QROC, every field of QROCM) and the text
 *   of every right proposal of a QCU or QCM (a choice number says nothing by itself). A free answer
 *   that the challenge's own instruction lists ("répondez par image, son ou texte"), in any of its
 *   variants, is a choice in disguise: the student recalls a mapping, not the word, and the word alone in another text says
 *   nothing of the mapping, so it is not searched.
 * - An answer is trivial, and not searched, when once normalised it has fewer than 3 letters or
 *   digits ("A", "5", "12", "Cc": such short tokens turn up by chance in any text; signs do not
 *   count), or when it is only French grammatical words ("pour", "son", "non": an answer "Pour" of a
 *   loop question cannot be told from the preposition).
 */
import { isAskable, type Challenge, type Framework } from './model.js';

/** Articles, prepositions, pronouns and conjunctions: words every French sentence has. */
const GRAMMATICAL_WORDS = new Set(
  (
    'a à au aux avec ce ces cet cette dans de des du en et il elle ils elles je la le les leur leurs lui ' +
    'ma mes mon ne ni non nous on ou où oui par pas pour qu que qui sa sans se ses si son sur ta tes ton ' +
    'tu un une vos votre vous y'
  ).split(' ').flatMap(wordsOf),
);

/**
 * The words of a text: lower case, no accents, split at spaces, quotes, apostrophes and backticks.
 * Other signs stay inside their word, so that an operator keeps its meaning ("site:" is not "site").
 */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    // A number written with thousands spaces ("1 411 200") is one word, not "200" among others.
    .replace(/(\d)[ \u00a0\u202f](?=\d{3}(?!\d))/gu, '$1')
    .split(/[\s'’‘`´"«»“”„]+/u)
    .filter((w) => w !== '');
}

/** Sentence punctuation and Markdown emphasis around a word of a text: "Google," and "**google**" are "google". */
const AROUND = /^[([{¿¡*_]+|[.,;:!?…)\]}*_]+$/gu;

/** Whether a word of a text is the word of an answer; an operator ("site:", "-") also opens a word ("site:lumni.fr"). */
function sameWord(textWord: string, answerWord: string): boolean {
  if (textWord === answerWord || textWord.replace(AROUND, '') === answerWord) return true;
  return /[^\p{L}\p{N}]$/u.test(answerWord) && textWord.startsWith(answerWord);
}

/** Whether the answer's words appear in the text, in order and next to each other. */
export function containsAnswer(text: string, answer: string): boolean {
  return containsWords(wordsOf(text), wordsOf(answer));
}

function containsWords(words: readonly string[], wanted: readonly string[]): boolean {
  for (let start = 0; start + wanted.length <= words.length; start++) {
    if (wanted.every((w, k) => sameWord(words[start + k]!, w))) return true;
  }
  return false;
}

/** Whether an answer, once normalised, is too short or too common to be searched for in a text. */
export function isTrivialAnswer(answer: string): boolean {
  const words = wordsOf(answer);
  if (words.join('').replace(/[^\p{L}\p{N}]/gu, '').length < 3) return true;
  return words.every((word) => GRAMMATICAL_WORDS.has(word.replace(AROUND, '')));
}

/**
 * What a student may type or choose to get the challenge right, one list per thing to find: the
 * variants of a QROC, of each field of a QROCM-ind or each group of a QROCM-dep, or one right proposal.
 */
export function acceptedAnswers(challenge: Challenge): string[][] {
  switch (challenge.type) {
    case 'QCU':
      return [[challenge.proposals[challenge.answer - 1]!]];
    case 'QCM':
      return challenge.answers.map((i) => [challenge.proposals[i - 1]!]);
    case 'QROC':
      return [challenge.answers];
    case 'QROCM-ind':
      return challenge.fields.map((f) => f.answers);
    case 'QROCM-dep':
      return challenge.groups;
  }
}

/** Free answers of which the instruction already shows one; a proposal is always shown, and searched whole. */
function listedInInstruction(challenge: Challenge, variants: string[]): boolean {
  return challenge.type !== 'QCU' && challenge.type !== 'QCM' && variants.some((v) => containsAnswer(challenge.instruction, v));
}

/**
 * What the correction line can show (src/assessment/correction.ts): the right proposals, the first
 * variant of the answer or of each field; for interchangeable fields, the groups left free, first
 * ones first, so at most the first two per field.
 */
function expectedAnswers(challenge: Challenge): string[] {
  const firsts = acceptedAnswers(challenge).map((variants) => variants[0]!);
  return challenge.type === 'QROCM-dep' ? firsts.slice(0, 2 * challenge.fields.length) : firsts;
}

/**
 * The texts a student reads after failing the challenge: the expected answer (the right proposals,
 * or the first variant of the answer or of each field), its explanation and its skill's tutorials.
 */
function textsShownAfter(framework: Framework, challenge: Challenge): Array<{ where: string; text: string }> {
  const skill = framework.skills.get(challenge.skillId)!;
  return [
    ...expectedAnswers(challenge).map((text) => ({ where: `la réponse attendue de ${challenge.id}`, text })),
    { where: `l'explication de ${challenge.id}`, text: challenge.explanation },
    ...skill.tutorials.map((t) => ({ where: `le tutoriel « ${t.title} » de ${skill.id} (montré après ${challenge.id})`, text: t.title })),
  ];
}

/** One problem per text and other challenge whose answer it contains, naming the answer found. */
export function giveAwayProblems(framework: Framework): string[] {
  const problems: string[] = [];
  const byCompetence = new Map<string, Challenge[]>();
  for (const challenge of framework.challenges.values()) {
    if (!isAskable(challenge)) continue;
    byCompetence.set(challenge.competenceId, [...(byCompetence.get(challenge.competenceId) ?? []), challenge]);
  }
  for (const [competenceId, challenges] of byCompetence) {
    const searched = challenges.map((c) => ({
      challenge: c,
      answers: acceptedAnswers(c)
        .filter((variants) => !listedInInstruction(c, variants))
        .flat()
        .filter((a) => !isTrivialAnswer(a))
        .map((answer) => ({ answer, words: wordsOf(answer) })),
    }));
    for (const shownAfter of challenges) {
      for (const { where, text } of textsShownAfter(framework, shownAfter)) {
        const words = wordsOf(text);
        // Most answers do not even share their first word with the text: skip them at once.
        const present = new Set(words.flatMap((w) => [w, w.replace(AROUND, '')]));
        const mayContain = (a: { words: string[] }) => present.has(a.words[0]!) || /[^\p{L}\p{N}]$/u.test(a.words[0]!);
        for (const other of searched) {
          if (other.challenge.id === shownAfter.id) continue;
          const found = other.answers.find((a) => mayContain(a) && containsWords(words, a.words));
          if (found) problems.push(`compétence ${competenceId}: ${where} contient « ${found.answer} », réponse acceptée de ${other.challenge.id}`);
        }
      }
    }
  }
  return problems;
}
