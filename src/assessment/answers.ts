/**
 * A student's answer to a challenge: read from a card, checked against the solution (spec §2), given
 * its status, and stored. Reading and checking are separate so that a refused answer (empty, too
 * long, malformed) never reaches scoring.
 */
import type { Challenge } from '../framework/model.js';
import { AssessmentError } from './errors.js';
import { hasPerfectMatching } from './matching.js';
import { matchesAny, type TextRules } from './text-match.js';

export type AnswerStatus = 'ok' | 'ko' | 'skipped' | 'timedout';

export type ChallengeAnswer =
  | { type: 'QCU'; choice: number } // 1-based
  | { type: 'QCM'; choices: number[] } // 1-based, sorted, unique
  | { type: 'QROC'; text: string }
  | { type: 'QROCM'; fields: Record<string, string> };

/** Nothing was given and it was not a skip: the card is refused, nothing is scored. */
export class EmptyAnswerError extends AssessmentError {
  constructor(message = 'Empty answer') {
    super(message);
  }
}

export class InvalidAnswerError extends AssessmentError {
  constructor(
    readonly reason: 'too_long' | 'unknown_choice' | 'malformed',
    message?: string,
  ) {
    super(message ?? `Invalid answer (${reason})`);
  }
}

/** Long enough for any sentence answer; short enough to keep storage and cards bounded. */
export const MAX_TEXT_ANSWER_LENGTH = 500;

/**
 * Raw values from a card: QCU input id "choice" ("2"); QCM id "choices" ("1,3", Adaptive Cards
 * multi-select format); QROC id "answer"; QROCM ids = field keys. Extra keys are ignored.
 */
export function parseAnswer(challenge: Challenge, raw: Record<string, unknown>): ChallengeAnswer {
  switch (challenge.type) {
    case 'QCU': {
      const text = readText(raw.choice, 'choice');
      return { type: 'QCU', choice: parseChoice(text, challenge.proposals.length) };
    }
    case 'QCM': {
      const parts = readChoiceList(raw.choices);
      const choices = [...new Set(parts.map((p) => parseChoice(p, challenge.proposals.length)))];
      return { type: 'QCM', choices: choices.sort((a, b) => a - b) };
    }
    case 'QROC':
      return { type: 'QROC', text: checkedLength(readText(raw.answer, 'answer')) };
    case 'QROCM-ind':
    case 'QROCM-dep': {
      // A partly filled card is a (probably wrong) answer; only a card with nothing in it is refused.
      const fields: Record<string, string> = {};
      for (const { key } of challenge.fields) fields[key] = checkedLength(readText(raw[key], key, true));
      if (Object.values(fields).every((v) => v === '')) throw new EmptyAnswerError();
      return { type: 'QROCM', fields };
    }
  }
}

export function isCorrect(challenge: Challenge, answer: ChallengeAnswer): boolean {
  switch (challenge.type) {
    case 'QCU':
      return expectType(answer, 'QCU', challenge).choice === challenge.answer;
    case 'QCM': {
      const given = new Set(expectType(answer, 'QCM', challenge).choices);
      const right = new Set(challenge.answers);
      return given.size === right.size && [...right].every((c) => given.has(c));
    }
    case 'QROC':
      return matchesAny(expectType(answer, 'QROC', challenge).text, challenge.answers, rulesOf(challenge));
    case 'QROCM-ind': {
      const { fields } = expectType(answer, 'QROCM', challenge);
      const rules = rulesOf(challenge);
      return challenge.fields.every((f) => matchesAny(fields[f.key] ?? '', f.answers, rules));
    }
    case 'QROCM-dep': {
      const { fields } = expectType(answer, 'QROCM', challenge);
      const rules = rulesOf(challenge);
      const given = challenge.fields.map((f) => fields[f.key] ?? '');
      const fits = given.map((text) => challenge.groups.map((group) => matchesAny(text, group, rules)));
      return hasPerfectMatching(given.length, challenge.groups.length, (f, g) => fits[f]?.[g] === true);
    }
  }
}

/** ok/ko from isCorrect; an ok given after the timer (elapsedSeconds > timer + graceSeconds) becomes 'timedout'. */
export function answerStatus(args: {
  challenge: Challenge;
  answer: ChallengeAnswer;
  elapsedSeconds?: number;
  graceSeconds?: number;
}): AnswerStatus {
  const { challenge, answer, elapsedSeconds, graceSeconds = 0 } = args;
  if (!isCorrect(challenge, answer)) return 'ko';
  const late = challenge.timer !== undefined && elapsedSeconds !== undefined && elapsedSeconds > challenge.timer + graceSeconds;
  return late ? 'timedout' : 'ok';
}

/** For storage, readable in a database dump: "2", "1,3", the text, or JSON for fields. */
export function serializeAnswer(answer: ChallengeAnswer): string {
  switch (answer.type) {
    case 'QCU':
      return String(answer.choice);
    case 'QCM':
      return answer.choices.join(',');
    case 'QROC':
      return answer.text;
    case 'QROCM':
      return JSON.stringify(answer.fields);
  }
}

function rulesOf(challenge: TextRules): TextRules {
  return { tolerances: challenge.tolerances, format: challenge.format };
}

/**
 * Card inputs arrive as strings; numbers are accepted too since some clients send Input.Number
 * values as numbers. Missing means empty; anything else is not something a card sends.
 */
function readText(value: unknown, key: string, missingIsEmpty = false): string {
  if (value === undefined || value === null) {
    if (missingIsEmpty) return '';
    throw new EmptyAnswerError(`Empty answer: no "${key}"`);
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw new InvalidAnswerError('malformed', `"${key}" is not text`);
  const text = value.trim();
  if (text === '' && !missingIsEmpty) throw new EmptyAnswerError(`Empty answer: "${key}" is blank`);
  return text;
}

function readChoiceList(value: unknown): string[] {
  const parts = Array.isArray(value)
    ? value.map((v) => readText(v, 'choices', true))
    : readText(value, 'choices').split(',').map((p) => p.trim());
  const filled = parts.filter((p) => p !== '');
  if (filled.length === 0) throw new EmptyAnswerError('Empty answer: no choice');
  return filled;
}

function parseChoice(text: string, proposals: number): number {
  if (!/^\d+$/.test(text)) throw new InvalidAnswerError('malformed', `"${text}" is not a choice number`);
  const choice = Number(text);
  if (choice < 1 || choice > proposals) throw new InvalidAnswerError('unknown_choice', `No proposal ${choice}`);
  return choice;
}

function checkedLength(text: string): string {
  if (text.length > MAX_TEXT_ANSWER_LENGTH) {
    throw new InvalidAnswerError('too_long', `Answer longer than ${MAX_TEXT_ANSWER_LENGTH} characters`);
  }
  return text;
}

/** An answer of another type than its challenge is a caller bug (or a stale card), never a "ko". */
function expectType<T extends ChallengeAnswer['type']>(
  answer: ChallengeAnswer,
  type: T,
  challenge: Challenge,
): Extract<ChallengeAnswer, { type: T }> {
  if (answer.type !== type) {
    throw new InvalidAnswerError('malformed', `A ${answer.type} answer does not fit ${challenge.type} challenge ${challenge.id}`);
  }
  return answer as Extract<ChallengeAnswer, { type: T }>;
}
