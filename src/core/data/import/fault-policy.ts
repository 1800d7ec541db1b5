// What happens to a bad row: by default the first one stops the import (it is thrown); with
// skipBadRows it is skipped and listed, up to a cap, and the import goes on.
import { formatPlace, ImportError } from './errors';

export interface SkippedRow {
  file: string;
  line?: number;
  column?: number;
  /** The error class name, e.g. "UnknownLabelError". */
  fault: string;
  problem: string;
}

export interface FaultPolicyOptions {
  skipBadRows?: boolean;
  /** How many skipped rows are listed; the rest are only counted. */
  maxListed?: number;
}

export class FaultPolicy {
  readonly skipBadRows: boolean;
  readonly maxListed: number;
  readonly skipped: SkippedRow[] = [];
  skippedTotal = 0;

  constructor(options: FaultPolicyOptions = {}) {
    this.skipBadRows = options.skipBadRows ?? false;
    this.maxListed = options.maxListed ?? 100;
  }

  /** Throws the fault, or records it when bad rows are skipped. */
  reject(fault: ImportError): void {
    if (!this.skipBadRows) throw fault;
    this.skippedTotal += 1;
    if (this.skipped.length < this.maxListed) {
      const place = fault.place;
      this.skipped.push({ file: place.file, line: place.line, column: place.column, fault: fault.name, problem: fault.problem });
    }
  }
}

export function describeSkipped(row: SkippedRow): string {
  return `${formatPlace(row)}: ${row.problem} (${row.fault})`;
}
