import { describe, expect, it } from 'vitest';
import {
  answerStatus,
  EmptyAnswerError,
  InvalidAnswerError,
  isCorrect,
  MAX_TEXT_ANSWER_LENGTH,
  parseAnswer,
  serializeAnswer,
} from '../../src/assessment/answers.js';
import type { Challenge } from '../../src/framework/model.js';
import { qcm, qcu, qroc, qrocmDep, qrocmInd } from './builders.js';

/** Parse then check, as the bot does with a card's values. */
const check = (challenge: Challenge, raw: Record<string, unknown>) => isCorrect(challenge, parseAnswer(challenge, raw));
const text = (challenge: Challenge, answer: string) => check(challenge, { answer });
const invalidReason = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidAnswerError) return error.reason;
    throw error;
  }
  throw new Error('no error thrown');
};

describe('QCU', () => {
  const challenge = qcu({ answer: 2 });

  it('reads the "choice" input and accepts only the right proposal', () => {
    expect(parseAnswer(challenge, { choice: '2', other: 'ignored' })).toEqual({ type: 'QCU', choice: 2 });
    expect(check(challenge, { choice: '2' })).toBe(true);
    expect(check(challenge, { choice: ' 2 ' })).toBe(true);
    expect(check(challenge, { choice: 2 })).toBe(true);
    expect(check(challenge, { choice: '1' })).toBe(false);
  });

  it('refuses an empty choice without scoring it', () => {
    expect(() => parseAnswer(challenge, {})).toThrow(EmptyAnswerError);
    expect(() => parseAnswer(challenge, { choice: '' })).toThrow(EmptyAnswerError);
    expect(() => parseAnswer(challenge, { choice: '   ' })).toThrow(EmptyAnswerError);
  });

  it('refuses a choice that is not a proposal, or not a number', () => {
    expect(invalidReason(() => parseAnswer(challenge, { choice: '4' }))).toBe('unknown_choice');
    expect(invalidReason(() => parseAnswer(challenge, { choice: '0' }))).toBe('unknown_choice');
    expect(invalidReason(() => parseAnswer(challenge, { choice: 'deux' }))).toBe('malformed');
    expect(invalidReason(() => parseAnswer(challenge, { choice: '1.5' }))).toBe('malformed');
    expect(invalidReason(() => parseAnswer(challenge, { choice: { value: 2 } }))).toBe('malformed');
  });
});

describe('QCM', () => {
  const challenge = qcm({ answers: [1, 3] });

  it('reads the Adaptive Cards multi-select value, sorted and without duplicates', () => {
    expect(parseAnswer(challenge, { choices: '3,1' })).toEqual({ type: 'QCM', choices: [1, 3] });
    expect(parseAnswer(challenge, { choices: '3, 1,3' })).toEqual({ type: 'QCM', choices: [1, 3] });
    expect(parseAnswer(challenge, { choices: ['3', '1'] })).toEqual({ type: 'QCM', choices: [1, 3] });
  });

  it('accepts all and only the right choices', () => {
    expect(check(challenge, { choices: '1,3' })).toBe(true);
    expect(check(challenge, { choices: '1' })).toBe(false);
    expect(check(challenge, { choices: '1,2,3' })).toBe(false);
    expect(check(challenge, { choices: '2,4' })).toBe(false);
  });

  it('refuses empty, unknown and malformed choices', () => {
    expect(() => parseAnswer(challenge, { choices: '' })).toThrow(EmptyAnswerError);
    expect(() => parseAnswer(challenge, {})).toThrow(EmptyAnswerError);
    expect(() => parseAnswer(challenge, { choices: ' , ' })).toThrow(EmptyAnswerError);
    expect(invalidReason(() => parseAnswer(challenge, { choices: '1,5' }))).toBe('unknown_choice');
    expect(invalidReason(() => parseAnswer(challenge, { choices: '1;3' }))).toBe('malformed');
  });
});

describe('QROC without tolerance', () => {
  const challenge = qroc({ answers: ['Paris', 'Lutèce'] });

  it('compares after trimming only', () => {
    expect(text(challenge, '  Paris ')).toBe(true);
    expect(text(challenge, 'Lutèce')).toBe(true);
    expect(text(challenge, 'paris')).toBe(false);
    expect(text(challenge, 'Lutece')).toBe(false);
    expect(text(challenge, 'Pa ris')).toBe(false);
  });

  it('treats a decomposed accent as the same text as a composed one', () => {
    expect(text(challenge, 'Lute\u0300ce')).toBe(true);
  });

  it('refuses empty and too long answers', () => {
    expect(() => parseAnswer(challenge, { answer: '' })).toThrow(EmptyAnswerError);
    expect(() => parseAnswer(challenge, { answer: ' \n ' })).toThrow(EmptyAnswerError);
    expect(() => parseAnswer(challenge, {})).toThrow(EmptyAnswerError);
    expect(invalidReason(() => parseAnswer(challenge, { answer: 'x'.repeat(MAX_TEXT_ANSWER_LENGTH + 1) }))).toBe('too_long');
    expect(parseAnswer(challenge, { answer: 'x'.repeat(MAX_TEXT_ANSWER_LENGTH) })).toEqual({ type: 'QROC', text: 'x'.repeat(500) });
    expect(invalidReason(() => parseAnswer(challenge, { answer: ['Paris'] }))).toBe('malformed');
  });
});

describe('QROC tolerances', () => {
  it('T1 ignores case, accents and every space', () => {
    const challenge = qroc({ answers: ['Île de France'], tolerances: ['T1'] });
    expect(text(challenge, 'ILE DE FRANCE')).toBe(true);
    expect(text(challenge, 'iledefrance')).toBe(true);
    expect(text(challenge, ' île  de\tfrance ')).toBe(true);
    expect(text(challenge, 'ile-de-france')).toBe(false);
  });

  it('T2 ignores punctuation and repeated spaces, but not case', () => {
    const challenge = qroc({ answers: ["l'ordinateur portable"], tolerances: ['T2'] });
    expect(text(challenge, 'lordinateur   portable !')).toBe(true);
    expect(text(challenge, "l'ordinateur, portable.")).toBe(true);
    expect(text(challenge, "L'ordinateur portable")).toBe(false);
  });

  it('T1 and T2 together', () => {
    const challenge = qroc({ answers: ['Île-de-France'], tolerances: ['T1', 'T2'] });
    expect(text(challenge, 'ile de france')).toBe(true);
    expect(text(challenge, 'ILE-DE-FRANCE !')).toBe(true);
  });

  it('T3 accepts one typo when it is at most a quarter of the answer length', () => {
    const challenge = qroc({ answers: ['navigateur', 'chat'], tolerances: ['T3'] });
    expect(text(challenge, 'navigateure')).toBe(true); // 1 / 11
    expect(text(challenge, 'navigatuer')).toBe(true); // a swap is 2 edits / 10
    expect(text(challenge, 'navigatr')).toBe(true); // 2 edits / 8 = 0.25
    expect(text(challenge, 'navgatr')).toBe(false); // 3 edits / 7
    expect(text(challenge, 'chut')).toBe(true); // 1 / 4 = 0.25
    expect(text(challenge, 'cha')).toBe(false); // 1 / 3: the answer's length is the denominator
    expect(text(challenge, 'Navigateur')).toBe(true); // case is one edit here, without T1
  });

  it('T3 applies after T1', () => {
    const challenge = qroc({ answers: ['Système d’exploitation'], tolerances: ['T1', 'T2', 'T3'] });
    expect(text(challenge, 'systeme dexploitatoin')).toBe(true);
    expect(text(challenge, 'navigateur')).toBe(false);
  });

  it('format "number" compares numbers, with a decimal comma and a thousands space', () => {
    const challenge = qroc({ answers: ['1000.5'], format: 'number' });
    expect(text(challenge, '1 000,5')).toBe(true);
    expect(text(challenge, '1\u00a0000,5')).toBe(true);
    expect(text(challenge, '1000,50')).toBe(true);
    expect(text(challenge, '1000.5')).toBe(true);
    expect(text(challenge, '1000')).toBe(false);
    expect(text(challenge, '10 00,5')).toBe(false);
    expect(text(challenge, 'mille')).toBe(false);
    const written = qroc({ answers: ['3,14'], format: 'number' });
    expect(text(written, '3.14')).toBe(true);
    expect(text(written, '03,140')).toBe(true);
  });

  it('format "number" takes the one number of an answer written with words or a unit, and refuses two numbers as wrong', () => {
    const width = qroc({ answers: ['100'], format: 'number' });
    for (const answer of ['x = 100', '100 px', 'x vaut 100', '100px', 'la largeur est de 100 pixels', 'x=100,0']) {
      expect(text(width, answer), answer).toBe(true);
    }
    expect(answerStatus({ challenge: width, answer: parseAnswer(width, { answer: '100 ou 200' }) })).toBe('ko');
    expect(text(width, 'entre 50 et 100')).toBe(false);
    expect(text(width, 'x = 200')).toBe(false);
    expect(text(width, 'cent')).toBe(false);
    const price = qroc({ answers: ['1000.5'], format: 'number' });
    expect(text(price, 'environ 1 000,5 €')).toBe(true);
    const cold = qroc({ answers: ['-3'], format: 'number' });
    expect(text(cold, 'il fait -3 °C')).toBe(true);
    expect(text(cold, 'il fait 3 °C')).toBe(false);
  });
});

describe('QROCM-ind', () => {
  const challenge = qrocmInd({ tolerances: ['T1'] });

  it('checks every field against its own variants', () => {
    expect(check(challenge, { capitale: 'paris', fleuve: 'La Seine' })).toBe(true);
    expect(check(challenge, { capitale: 'Seine', fleuve: 'Paris' })).toBe(false);
    expect(check(challenge, { capitale: 'Paris', fleuve: 'Loire' })).toBe(false);
  });

  it('scores a partly empty card as wrong, refuses an empty one', () => {
    expect(check(challenge, { capitale: 'Paris' })).toBe(false);
    expect(check(challenge, { capitale: 'Paris', fleuve: ' ' })).toBe(false);
    expect(() => parseAnswer(challenge, { capitale: '', fleuve: '  ' })).toThrow(EmptyAnswerError);
    expect(() => parseAnswer(challenge, { other: 'x' })).toThrow(EmptyAnswerError);
  });

  it('refuses a too long or non-text field', () => {
    expect(invalidReason(() => parseAnswer(challenge, { capitale: 'Paris', fleuve: 'y'.repeat(501) }))).toBe('too_long');
    expect(invalidReason(() => parseAnswer(challenge, { capitale: 'Paris', fleuve: true }))).toBe('malformed');
  });

  it('ignores extra keys', () => {
    expect(parseAnswer(challenge, { capitale: 'Paris', fleuve: 'Seine', verb: 'answer' })).toEqual({
      type: 'QROCM',
      fields: { capitale: 'Paris', fleuve: 'Seine' },
    });
  });
});

describe('QROCM-dep', () => {
  it('accepts the fields in any order', () => {
    const challenge = qrocmDep();
    expect(check(challenge, { c1: 'vert', c2: 'rouge' })).toBe(true);
    expect(check(challenge, { c1: 'bleu', c2: 'vert' })).toBe(true);
  });

  it('uses a group at most once', () => {
    expect(check(qrocmDep(), { c1: 'rouge', c2: 'rouge' })).toBe(false);
  });

  it('fails on an empty field', () => {
    expect(check(qrocmDep(), { c1: 'rouge', c2: '' })).toBe(false);
  });

  it('finds the assignment a greedy first-fit would miss', () => {
    // "chrome" fits both groups; taking the first for it would leave "firefox" without one.
    const challenge = qrocmDep({ groups: [['chrome', 'firefox'], ['chrome', 'edge']] });
    expect(check(challenge, { c1: 'chrome', c2: 'firefox' })).toBe(true);
    expect(check(challenge, { c1: 'edge', c2: 'chrome' })).toBe(true);
    expect(check(challenge, { c1: 'firefox', c2: 'firefox' })).toBe(false);
  });

  it('applies tolerances to every field and variant', () => {
    const challenge = qrocmDep({ tolerances: ['T1', 'T3'], groups: [['Écran'], ['Clavier']] });
    expect(check(challenge, { c1: 'CLAVIRE', c2: 'ecran' })).toBe(false); // swap = 2 edits / 7
    expect(check(challenge, { c1: 'CLAVIR', c2: 'ecran' })).toBe(true);
  });
});

describe('answerStatus', () => {
  const timed = qcu({ answer: 1, timer: 30 });
  const right = { type: 'QCU', choice: 1 } as const;
  const wrong = { type: 'QCU', choice: 2 } as const;

  it('is ok or ko from the validator', () => {
    expect(answerStatus({ challenge: qcu({ answer: 1 }), answer: right })).toBe('ok');
    expect(answerStatus({ challenge: qcu({ answer: 1 }), answer: wrong })).toBe('ko');
  });

  it('turns a late right answer into timedout, within the grace period it stays ok', () => {
    expect(answerStatus({ challenge: timed, answer: right, elapsedSeconds: 30 })).toBe('ok');
    expect(answerStatus({ challenge: timed, answer: right, elapsedSeconds: 31 })).toBe('timedout');
    expect(answerStatus({ challenge: timed, answer: right, elapsedSeconds: 34, graceSeconds: 5 })).toBe('ok');
    expect(answerStatus({ challenge: timed, answer: right, elapsedSeconds: 36, graceSeconds: 5 })).toBe('timedout');
    expect(answerStatus({ challenge: timed, answer: right })).toBe('ok');
  });

  it('keeps a late wrong answer ko, and ignores time without a timer', () => {
    expect(answerStatus({ challenge: timed, answer: wrong, elapsedSeconds: 90 })).toBe('ko');
    expect(answerStatus({ challenge: qcu({ answer: 1 }), answer: right, elapsedSeconds: 9999 })).toBe('ok');
  });

  it('refuses an answer of another type than the challenge', () => {
    expect(invalidReason(() => answerStatus({ challenge: qroc(), answer: right }))).toBe('malformed');
  });
});

describe('serializeAnswer', () => {
  it('stores readable values', () => {
    expect(serializeAnswer({ type: 'QCU', choice: 2 })).toBe('2');
    expect(serializeAnswer({ type: 'QCM', choices: [1, 3] })).toBe('1,3');
    expect(serializeAnswer({ type: 'QROC', text: 'Paris' })).toBe('Paris');
    expect(JSON.parse(serializeAnswer({ type: 'QROCM', fields: { c1: 'vert', c2: 'rouge' } }))).toEqual({ c1: 'vert', c2: 'rouge' });
  });

  it('round-trips through the card inputs', () => {
    const challenge = qcm();
    const answer = parseAnswer(challenge, { choices: '3,1' });
    expect(parseAnswer(challenge, { choices: serializeAnswer(answer) })).toEqual(answer);
  });
});
