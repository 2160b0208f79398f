/** The two languages of the bot: French by default, English for an `en-*` Teams locale. */
export type Lang = 'fr' | 'en';

export function langOf(locale: string | null | undefined): Lang {
  return locale && /^en\b/i.test(locale) ? 'en' : 'fr';
}
