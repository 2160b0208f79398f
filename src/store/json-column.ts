/**
 * JSON columns are read through a zod schema: a row written by an older version, or edited by
 * hand, is refused with the row named instead of reaching the code as a value of the wrong shape.
 */
import { z } from 'zod';

export class StoredRowError extends Error {}

export function parseJsonColumn<S extends z.ZodType>(schema: S, text: string, where: { table: string; column: string; id: string | number }): z.output<S> {
  const name = `${where.table}.${where.column} of ${where.id}`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new StoredRowError(`${name} is not JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoredRowError(`${name} does not have the expected shape: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
