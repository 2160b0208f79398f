/**
 * Lists and rows read beside a row as JSON, in one statement (Kysely's jsonArrayFrom and
 * jsonObjectFrom, in the store's dialect's JSON functions), and read back: SQLite gives them as JSON
 * text, PostgreSQL (pg) as parsed values.
 */
import { jsonArrayFrom as pgJsonArray, jsonObjectFrom as pgJsonObject } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArray, jsonObjectFrom as sqliteJsonObject } from 'kysely/helpers/sqlite';
import type { Dialect } from './migrations.js';

export function jsonHelpers(dialect: Dialect): { jsonArrayFrom: typeof sqliteJsonArray; jsonObjectFrom: typeof sqliteJsonObject } {
  return dialect === 'postgres' ? { jsonArrayFrom: pgJsonArray, jsonObjectFrom: pgJsonObject } : { jsonArrayFrom: sqliteJsonArray, jsonObjectFrom: sqliteJsonObject };
}

function parsed(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/** A list read with jsonArrayFrom; none reads as empty. */
export function jsonList<T>(value: unknown): T[] {
  return (parsed(value) ?? []) as T[];
}

/** A row read with jsonObjectFrom, or null when there was none. */
export function jsonRow<T>(value: unknown): T | null {
  return (parsed(value) ?? null) as T | null;
}
