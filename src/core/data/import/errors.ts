// Every way an imported file can be rejected, one named LabError per fault. Messages start with
// "file:line:column:" (line and column when known) so editors and terminals can jump to the spot.
import { LabError, registerLabError } from '../../errors';

/** Where a fault sits. Lines are physical lines in the file (1-based); columns are 1-based. */
export interface Place {
  file: string;
  line?: number;
  column?: number;
  /** The column's header name, when the format has one. */
  columnName?: string;
}

export function formatPlace(place: Place): string {
  let text = place.file;
  if (place.line !== undefined) text += `:${place.line}`;
  if (place.line !== undefined && place.column !== undefined) text += `:${place.column}`;
  return text;
}

/** Base class of every import fault; `details` carries the place and the problem separately. */
export class ImportError extends LabError {
  get place(): Place {
    const { file, line, column, columnName } = this.details as Partial<Place>;
    return { file: String(file ?? ''), line, column, columnName };
  }
  get problem(): string {
    return String(this.details.problem ?? this.message);
  }
}

type ImportErrorClass = new (message: string, details?: Record<string, unknown>) => ImportError;

/** Builds an error of class `cls` whose message is "place: problem". */
export function importFault<T extends ImportError>(
  cls: new (message: string, details?: Record<string, unknown>) => T,
  place: Place,
  problem: string,
  extra: Record<string, unknown> = {},
): T {
  const where = place.columnName !== undefined ? `${formatPlace(place)}: column "${place.columnName}"` : formatPlace(place);
  return new cls(`${where}: ${problem}`, { ...place, problem, ...extra });
}

// Whole-file faults: the file cannot be read as the format at all.
export class EmptyFileError extends ImportError {}
export class HeaderOnlyError extends ImportError {}
export class BinaryContentError extends ImportError {}
export class InvalidEncodingError extends ImportError {}
export class UnsupportedEncodingError extends ImportError {}
export class UnterminatedQuoteError extends ImportError {}
export class RecordTooLongError extends ImportError {}
export class MissingColumnError extends ImportError {}
export class DuplicateColumnError extends ImportError {}
export class BlankColumnNameError extends ImportError {}
export class MissingFileError extends ImportError {}
export class UnreadableFileError extends ImportError {}
/** A .parquet file that is not readable Parquet: truncated, not Parquet at all, or a damaged page or footer. */
export class InvalidParquetError extends ImportError {}
/** Valid Parquet the lab does not read: a compression codec it lacks, or a nested (list, struct, map) column it needs. */
export class UnsupportedParquetError extends ImportError {}

// Row faults: one record is bad; with skipBadRows it is skipped and listed.
export class FieldCountError extends ImportError {}
export class MalformedQuoteError extends ImportError {}
export class MalformedJsonError extends ImportError {}
export class JsonShapeError extends ImportError {}
export class JsonTooDeepError extends ImportError {}
export class DuplicateKeyError extends ImportError {}
export class EmptyQueryError extends ImportError {}
export class EmptyTitleError extends ImportError {}
export class FieldTooLongError extends ImportError {}
export class UnknownLabelError extends ImportError {}
export class NotANumberError extends ImportError {}
export class ScoreOutOfRangeError extends ImportError {}
export class DuplicateIdError extends ImportError {}
export class ConflictingGradeError extends ImportError {}
export class UnknownReferenceError extends ImportError {}
export class InvalidExampleError extends ImportError {}

// Whole-import faults: options that cannot work, or nothing left to import.
export class ImportOptionError extends ImportError {}
export class NoRowsLeftError extends ImportError {}
export class SplitError extends ImportError {}

const ALL: ImportErrorClass[] = [
  ImportError, EmptyFileError, HeaderOnlyError, BinaryContentError, InvalidEncodingError, UnsupportedEncodingError, UnterminatedQuoteError,
  RecordTooLongError, MissingColumnError, DuplicateColumnError, BlankColumnNameError, MissingFileError, UnreadableFileError,
  InvalidParquetError, UnsupportedParquetError,
  FieldCountError, MalformedQuoteError, MalformedJsonError, JsonShapeError, JsonTooDeepError, DuplicateKeyError, EmptyQueryError, EmptyTitleError,
  FieldTooLongError, UnknownLabelError, NotANumberError, ScoreOutOfRangeError, DuplicateIdError,
  ConflictingGradeError, UnknownReferenceError, InvalidExampleError, ImportOptionError, NoRowsLeftError, SplitError,
];
for (const cls of ALL) registerLabError(cls);

/** Quotes a value for a message, shortened so one bad 10 MB field does not flood the terminal. */
export function quoteValue(value: string, max = 60): string {
  const shown = value.length > max ? `${value.slice(0, max)}...` : value;
  return JSON.stringify(shown);
}

/** "a", "b", "c" (and N more). */
export function listValues(values: readonly string[], max = 20): string {
  const shown = values.slice(0, max).map((value) => JSON.stringify(value)).join(', ');
  return values.length > max ? `${shown} (and ${values.length - max} more)` : shown;
}
