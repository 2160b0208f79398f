/**
 * The form of a noun after a count, by the language's own rule (CLDR, through Intl.PluralRules):
 * French takes the singular for 0 and 1, English for 1 only ("0 right answers"). Large round
 * numbers fall into French's "many" category, which takes the plural like "other".
 */
import type { Lang } from './lang.js';

export type Plural = (n: number, one: string, other: string) => string;

export function pluralOf(lang: Lang): Plural {
  const rules = new Intl.PluralRules(lang);
  return (n, one, other) => (rules.select(n) === 'one' ? one : other);
}
