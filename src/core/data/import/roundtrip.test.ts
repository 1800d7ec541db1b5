// Property tests: whatever a CSV/TSV writer or JSON.stringify produces, the streaming readers give
// back the same values, whatever the chunk size.
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { memorySource } from './byte-source';
import { FaultPolicy } from './fault-policy';
import { readTable } from './read-table';
import type { TableFormat } from './table';

// Any text, with the characters that stress CSV over-represented. NUL is excluded (binary) and line
// breaks come back as "\n" (\r\n and \r are line breaks, by design).
const tricky = fc.constantFrom('"', ',', '\t', '\n', '\r\n', ' ', 'é', '𝄞', '""', 'ß', '\u00a0');
const text = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), tricky), { maxLength: 6 })
  .map((parts) => parts.join('').replace(/\u0000/g, ''));
const normalized = (value: string) => value.replace(/\r\n?/g, '\n');
const COLUMNS = ['query', 'title', 'label'];

async function readBack(name: string, content: string, format: TableFormat, chunk: number): Promise<{ line: number; values: string[] }[]> {
  const rows = [];
  for await (const row of readTable(memorySource(name, content, chunk), { format }, new FaultPolicy())) {
    rows.push({ line: row.line, values: COLUMNS.map((c) => row.value(c) ?? '<missing>') });
  }
  return rows;
}

function physicalLines(records: string[][], delimiterJoined: string[]): number[] {
  // Line where each record starts: 2 for the first, then the previous start plus its line breaks.
  const lines: number[] = [];
  let line = 2;
  for (let i = 0; i < records.length; i++) {
    lines.push(line);
    line += (delimiterJoined[i].match(/\r\n|\r|\n/g) ?? []).length + 1;
  }
  return lines;
}

describe('CSV/TSV round trip', () => {
  for (const [format, delimiter] of [['csv', ','], ['tsv', '\t']] as const) {
    it(`${format}: writer -> streaming reader gives the same values and the physical lines`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(text, text, text), { minLength: 1, maxLength: 8 }).filter((rows) => rows.every((r) => r.some((v) => v !== ''))),
          fc.integer({ min: 1, max: 64 }),
          async (records, chunk) => {
            const lines = records.map((r) => Papa.unparse([r], { delimiter, newline: '\n', quotes: r.map((v) => /[\s"]/.test(v) || v.includes(delimiter)) }));
            const content = `${COLUMNS.join(delimiter)}\n${lines.join('\n')}\n`;
            const rows = await readBack(`f.${format}`, content, format, chunk);
            expect(rows.map((r) => r.values)).toEqual(records.map((r) => r.map(normalized)));
            expect(rows.map((r) => r.line)).toEqual(physicalLines(records, lines));
          },
        ),
        { numRuns: 150 },
      );
    });
  }
});

describe('JSONL round trip', () => {
  it('JSON.stringify -> streaming reader gives the same values and line numbers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, text, fc.oneof(text, fc.integer())), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 64 }), async (records, chunk) => {
        const content = records.map(([query, title, label]) => JSON.stringify({ query, title, label })).join('\n');
        const rows = await readBack('f.jsonl', content, 'jsonl', chunk);
        expect(rows.map((r) => r.values)).toEqual(records.map((r) => r.map(String)));
        expect(rows.map((r) => r.line)).toEqual(records.map((_, i) => i + 1));
      }),
      { numRuns: 150 },
    );
  });
});
