/** A certification refusal in the reader's language, from the table of src/i18n/certification-messages.ts. */
import type { Lang } from './lang.js';
import { certificationMessages, type CertificationMessages, type ErrorParams, type errorsFr } from './certification-messages.js';

/** A certification refusal in the reader's language; null for an error that is not one of them. */
export function certificationErrorText(error: Error, table: Lang | CertificationMessages): string | null {
  const texts = typeof table === 'string' ? certificationMessages(table) : table;
  const text = texts.errors[error.name as keyof typeof errorsFr] as ((p: ErrorParams) => string) | undefined;
  return text ? text(error as ErrorParams) : null;
}
