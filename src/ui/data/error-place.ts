// An importer's error shown in place: its name, and a table of file, line, column (with its name)
// and problem when the error says where (ImportError details); else its message.
import { html, nothing } from 'lit';

export interface ErrorPlace {
  name: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  columnName?: string;
  problem?: string;
}

export function placeOf(error: { name: string; message: string; details?: Record<string, unknown> }): ErrorPlace {
  const details = error.details ?? {};
  const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
  return {
    name: error.name,
    message: error.message,
    file: typeof details.file === 'string' ? details.file : undefined,
    line: number(details.line),
    column: number(details.column),
    columnName: typeof details.columnName === 'string' ? details.columnName : undefined,
    problem: typeof details.problem === 'string' ? details.problem : undefined,
  };
}

/** The error box; test ids are `<prefix>`, `<prefix>-file`, `-line`, `-column` and `-problem`. */
export function errorPlaceView(failure: ErrorPlace | null, prefix: string) {
  if (!failure) return nothing;
  return html`<div class="error" role="alert" data-testid=${prefix}>
    <strong>${failure.name}</strong>
    ${failure.file !== undefined
      ? html`<table class="place-table">
          <thead><tr><th scope="col">File</th><th class="num" scope="col">Line</th><th class="num" scope="col">Column</th><th scope="col">Problem</th></tr></thead>
          <tbody><tr>
            <td data-testid="${prefix}-file">${failure.file}</td>
            <td class="num" data-testid="${prefix}-line">${failure.line ?? '–'}</td>
            <td class="num" data-testid="${prefix}-column">${failure.column ?? '–'}${failure.columnName ? ` (${failure.columnName})` : ''}</td>
            <td data-testid="${prefix}-problem">${failure.problem ?? failure.message}</td>
          </tr></tbody>
        </table>`
      : html`<div>${failure.message}</div>`}
  </div>`;
}
