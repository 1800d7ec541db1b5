// The pair's OOD scores, each with its percentile among the ID validation pairs and DASA's threshold,
// and what the reference was fitted on. A higher score means more OOD.
import { css, html, LitElement, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { PlaygroundOodScore, PlaygroundReference } from '../../engine/playground-types';
import { detectorName } from '../detector-names';
import { formatCount } from '../format';
import { blockElement } from '../theme';

export class OodScores extends LitElement {
  static override properties = {
    scores: { attribute: false },
    reference: { attribute: false },
    stale: { type: Boolean },
  };

  declare scores: PlaygroundOodScore[] | null;
  declare reference: PlaygroundReference | null;
  declare stale: boolean;

  static override styles = [
    blockElement,
    css`
      table { transition: opacity 0.2s; }
      .stale { opacity: 0.55; }
      .note { margin: 0.6rem 0 0; font-size: 0.85rem; }
      .above { color: var(--danger); font-weight: 600; }
      .below { color: var(--ok); }
      .percentile { display: inline-block; width: 5rem; height: 0.45rem; margin-left: 0.4rem; background: #edf0f5; border-radius: 999px; vertical-align: middle; position: relative; overflow: hidden; }
      .percentile span { position: absolute; inset: 0 auto 0 0; background: var(--accent); }
    `,
  ];

  constructor() {
    super();
    this.scores = null;
    this.reference = null;
    this.stale = false;
  }

  override render() {
    const { scores, reference } = this;
    if (!scores || !reference) return nothing;
    const keep = `${Math.round(reference.keep * 1000) / 10}%`;
    return html`<table class=${this.stale ? 'stale' : ''} data-testid="ood-scores">
        <thead><tr><th scope="col">Detector</th><th class="num" scope="col">Score</th><th scope="col">Percentile among ID val</th><th scope="col">DASA threshold (${keep} of ID val below)</th></tr></thead>
        <tbody>${scores.map((entry) => html`<tr data-testid="ood-score" data-detector=${entry.detector}>
          <th scope="row">${detectorName(entry.detector)}</th>
          <td class="num" data-testid="ood-value">${entry.score.toFixed(4)}</td>
          <td><span data-testid="ood-percentile">${entry.percentile.toFixed(1)}</span>
            <span class="percentile" aria-hidden="true"><span style=${styleMap({ width: `${entry.percentile.toFixed(1)}%` })}></span></span></td>
          <td class=${entry.aboveThreshold ? 'above' : 'below'}>${entry.threshold.toFixed(4)}: ${entry.aboveThreshold ? 'above, DASA would pick it' : 'below, looks ID'}</td>
        </tr>`)}</tbody>
      </table>
      <p class="note"><strong data-testid="ood-direction">A higher score means more OOD.</strong>
        The percentile is the share of ID validation pairs that score at most this much: near 100 means the pair looks unlike the data the model was fitted on.</p>
      <p class="note muted" data-testid="ood-reference">Fitted on the pooled [CLS] features of ${formatCount(reference.trainRows)} of ${formatCount(reference.trainTotal)} ID train pairs;
        percentiles among ${formatCount(reference.valRows)} of ${formatCount(reference.valTotal)} ID val pairs. Mahalanobis: one mean per grade, shared covariance with
        shrinkage ${reference.mahalanobis.shrinkage.toFixed(3)}. kNN: distance to the ${reference.knn.k}-th nearest ID train pair (unit-length features).
        ${reference.cached ? 'Taken from the cache.' : `Fitted in ${reference.seconds.toFixed(1)} s.`}</p>`;
  }
}

customElements.define('lab-ood-scores', OodScores);

declare global {
  interface HTMLElementTagNameMap {
    'lab-ood-scores': OodScores;
  }
}
