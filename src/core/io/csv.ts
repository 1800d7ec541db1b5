// CSV text for the lab's downloads (scored files, predictions, reports), written by papaparse:
// fields quoted when they hold a comma, quote or line break, and text that a spreadsheet would run
// as a formula (starting with =, +, -, @) prefixed with a quote. Numbers are written as they are.
import Papa from 'papaparse';

export type CsvCell = string | number | boolean | null;

/** A header line and one line per row, each ending in a newline. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const text = Papa.unparse({ fields: [...header], data: rows.map((row) => [...row]) }, { escapeFormulae: true, newline: '\n' });
  return text.endsWith('\n') ? text : `${text}\n`;
}
