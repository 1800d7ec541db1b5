// Small checks shared by the tokenizer file readers: each failure names the file and the field.
import { TokenizerFileError } from './errors';

export function fileError(source: string, problem: string, details: Record<string, unknown> = {}): TokenizerFileError {
  return new TokenizerFileError(`${source}: ${problem}`, { source, ...details });
}

export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw fileError(source, `not valid JSON (${(error as Error).message})`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeJson(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

export function requireRecord(value: unknown, source: string, field: string): Record<string, unknown> {
  if (!isRecord(value)) throw fileError(source, `${field} must be an object, got ${describeJson(value)}`, { field });
  return value;
}

export function requireArray(value: unknown, source: string, field: string): unknown[] {
  if (!Array.isArray(value)) throw fileError(source, `${field} must be an array, got ${describeJson(value)}`, { field });
  return value;
}

export function requireString(value: unknown, source: string, field: string): string {
  if (typeof value !== 'string') throw fileError(source, `${field} must be a string, got ${describeJson(value)}`, { field });
  return value;
}

export function requireBoolean(value: unknown, source: string, field: string): boolean {
  if (typeof value !== 'boolean') throw fileError(source, `${field} must be true or false, got ${describeJson(value)}`, { field });
  return value;
}

export function requireTokenId(value: unknown, source: string, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw fileError(source, `${field} must be a token id (a non-negative integer), got ${describeJson(value)}`, { field });
  }
  return value;
}

/** Says which character of a token string is outside GPT-2's byte alphabet. */
export function describeBadCharacter(piece: string, index: number): string {
  const code = piece.codePointAt(index) ?? 0;
  return `${describeJson(piece)} has the character U+${code.toString(16).toUpperCase().padStart(4, '0')} at position ${index}, which is not in the byte-level alphabet`;
}
