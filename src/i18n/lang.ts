/** The two languages of the bot: French by default, English for an `en-*` Teams locale. */
export type Lang = 'fr' | 'en';

export function langOf(locale: string | null | undefined): Lang {
  return locale && /^en\b/i.test(locale) ? 'en' : 'fr';
}

export function isLang(value: unknown): value is Lang {
  return value === 'fr' || value === 'en';
}

/** A user's language: the one they chose (`langue anglais`), else their Teams locale's. */
export function langOfUser(user: { language?: Lang | null; locale?: string | null } | null | undefined): Lang {
  return user?.language ?? langOf(user?.locale);
}
