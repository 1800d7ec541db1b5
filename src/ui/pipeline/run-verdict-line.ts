// <lab-run-verdict>: the sentence of what the run showed (darl against ce-ft, run-verdict.ts) for the
// page's settings, or nothing while neither is stored. Shown on Evaluate, where Run all ends.
import { css, html, nothing } from 'lit';
import { tokens } from '../theme';
import { PipelineElement } from './pipeline-element';
import { runVerdict } from './run-verdict';

export class RunVerdictLine extends PipelineElement {
  readonly #comparison = this.followLab((lab) => lab.runComparison);

  static override styles = [
    tokens,
    css`
      :host { display: block; }
      p { margin: 0.5rem 0 1rem; padding: 0.6rem 0.8rem; background: var(--surface); border-left: 4px solid var(--accent); border-radius: 4px; }
    `,
  ];

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    void this.#comparison().refresh();
  }

  override render() {
    const request = this.session.request();
    const stored = this.#comparison().for(request);
    if (!request || !stored) return nothing;
    const scores = (result: typeof stored.darl) => (result ? { id: result.test_id.macro_f1, ood: result.test_ood.macro_f1 } : null);
    const sentence = runVerdict({ darl: scores(stored.darl), ceFt: scores(stored.ceFt), seed: request.seed ?? 1 });
    return sentence ? html`<p data-testid="run-verdict" role="status">${sentence}</p>` : nothing;
  }
}

customElements.define('lab-run-verdict', RunVerdictLine);

declare global {
  interface HTMLElementTagNameMap {
    'lab-run-verdict': RunVerdictLine;
  }
}
