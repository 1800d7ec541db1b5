// Downloads of the stored evaluation: the predictions (each test example with its text, gold and
// predicted grade and probabilities) and the report (every metric), each as CSV or JSON. The engine
// writes the files; the page only offers them.
import { css, html, LitElement, nothing } from 'lit';
import type { EvaluationFile, EvaluationFormat, PipelineRequest } from '../../engine/pipeline-types';
import { asError } from '../errors';
import type { LabHandle } from '../lab-handle';
import { blockElement } from '../theme';
import { downloadBytes } from '../download';

const CHOICES: { file: EvaluationFile; format: EvaluationFormat; label: string }[] = [
  { file: 'predictions', format: 'csv', label: 'Predictions (CSV)' },
  { file: 'predictions', format: 'json', label: 'Predictions (JSON)' },
  { file: 'report', format: 'csv', label: 'Report (CSV)' },
  { file: 'report', format: 'json', label: 'Report (JSON)' },
];

export class EvaluationDownloads extends LitElement {
  static override properties = {
    handle: { attribute: false },
    request: { attribute: false },
    busy: { state: true },
    failure: { state: true },
  };

  /** The engine handle (`window.lab`). */
  declare handle: LabHandle | null;
  declare request: PipelineRequest | null;
  declare busy: boolean;
  declare failure: Error | null;

  static override styles = [
    blockElement,
    css`
      .buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; }
      p { font-size: 0.9rem; }
    `,
  ];

  constructor() {
    super();
    this.handle = null;
    this.request = null;
    this.busy = false;
    this.failure = null;
  }

  async #download(file: EvaluationFile, format: EvaluationFormat): Promise<void> {
    if (!this.handle || !this.request || this.busy) return;
    this.busy = true;
    this.failure = null;
    try {
      const written = await this.handle.engine.exportPipelineEvaluation(this.request, file, format);
      downloadBytes(written.bytes, written.fileName);
    } catch (error) {
      this.failure = asError(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<p class="muted">The predictions: each test example's split, id, query, item title, shift tags, gold and predicted grade and the three probabilities. The report: every metric above, with the dataset, variant and when it was evaluated.</p>
      <div class="buttons">${CHOICES.map(({ file, format, label }) => html`<button data-testid="evaluation-download-${file}-${format}" ?disabled=${this.busy || !this.request}
        @click=${() => void this.#download(file, format)}>${label}</button>`)}</div>
      ${this.failure ? html`<p class="error" role="alert" data-testid="evaluation-download-error">${this.failure.name}: ${this.failure.message}</p>` : nothing}`;
  }
}

customElements.define('lab-evaluation-downloads', EvaluationDownloads);

declare global {
  interface HTMLElementTagNameMap {
    'lab-evaluation-downloads': EvaluationDownloads;
  }
}
