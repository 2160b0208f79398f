/**
 * Every message where a count meets a noun agrees with it by the language's rule: French takes the
 * singular for 0 and 1, English for 1 only.
 */
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/i18n/messages.js';
import { pluralOf } from '../../src/i18n/plural.js';

const fr = messages('fr');
const en = messages('en');

describe('pluralOf', () => {
  it('follows each language for 0, 1 and 2', () => {
    const [pfr, pen] = [pluralOf('fr'), pluralOf('en')];
    expect([0, 1, 2].map((n) => pfr(n, 'jour', 'jours'))).toEqual(['jour', 'jour', 'jours']);
    expect([0, 1, 2].map((n) => pen(n, 'day', 'days'))).toEqual(['days', 'day', 'days']);
    expect(pfr(1_000_000, 'élève', 'élèves')).toBe('élèves');
  });
});

describe('the messages with a count', () => {
  it.each([
    [0, '0 bonne réponse sur 5.', '0 right answers out of 5.'],
    [1, '1 bonne réponse sur 5.', '1 right answer out of 5.'],
    [2, '2 bonnes réponses sur 5.', '2 right answers out of 5.'],
  ])('the summary with %i right', (n, french, english) => {
    expect(fr.summaryAnswers(n, 5)).toBe(french);
    expect(en.summaryAnswers(n, 5)).toBe(english);
  });

  it.each([
    [0, 'jour', 'days'],
    [1, 'jour', 'day'],
    [2, 'jours', 'days'],
  ])('the delays of %i day(s)', (n, jour, day) => {
    expect(fr.improveIn(n)).toBe(`Retenter dans ${n} ${jour}`);
    expect(en.improveIn(n)).toBe(`Try again in ${n} ${day}`);
    expect(fr.errImproveTooEarly('1.1', n)).toBe(`Il est trop tôt pour retenter 1.1 : encore ${n} ${jour}.`);
    expect(en.errImproveTooEarly('1.1', n)).toBe(`It is too early to try 1.1 again: ${n} more ${day}.`);
    expect(fr.errResetTooEarly('1.1', n)).toContain(`dans ${n} ${jour}.`);
    expect(en.errResetTooEarly('1.1', n)).toContain(`in ${n} ${day}.`);
    // No "dans 0 jour": a delay that is over says so.
    if (n === 0) {
      expect(fr.summaryImproveLater(n)).toContain('dès maintenant');
      expect(en.summaryImproveLater(n)).toContain('again now');
    } else {
      expect(fr.summaryImproveLater(n)).toContain(`dans ${n} ${jour} pour`);
      expect(en.summaryImproveLater(n)).toContain(`in ${n} ${day} to`);
    }
  });

  it.each([
    [0, ['question', 'seconde', 'élève', 'minute'], ['questions', 'seconds', 'students', 'minutes']],
    [1, ['question', 'seconde', 'élève', 'minute'], ['question', 'second', 'student', 'minute']],
    [2, ['questions', 'secondes', 'élèves', 'minutes'], ['questions', 'seconds', 'students', 'minutes']],
  ])('questions, seconds, students and minutes: %i', (n, [q, s, st, m], [qEn, sEn, stEn, mEn]) => {
    expect(fr.positioningText(n)).toContain(`d’après ${n} ${q}.`);
    expect(en.positioningText(n)).toContain(`from ${n} ${qEn}.`);
    expect(fr.challengeTimer(n)).toBe(`⏱ Vous avez ${n} ${s} pour répondre.`);
    expect(en.challengeTimer(n)).toBe(`⏱ You have ${n} ${sEn} to answer.`);
    expect(fr.school.divisionsLine('5D', n)).toBe(`**5D** · ${n} ${st}`);
    expect(en.school.divisionsLine('5D', n)).toBe(`**5D** · ${n} ${stEn}`);
    expect(fr.school.errTooManyLinks(n)).toContain(`dans ${n} ${m}.`);
    expect(en.school.errTooManyLinks(n)).toContain(`in ${n} ${mEn}.`);
  });

  it('days left before a finished competence can be taken again', () => {
    expect(fr.errFinished('1.1', 1, false)).toContain('dans 1 jour.');
    expect(en.errFinished('1.1', 1, false)).toContain('in 1 day.');
    expect(en.errFinished('1.1', 2, false)).toContain('in 2 days.');
  });
});
