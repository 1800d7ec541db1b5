// The pool samples DASA selected, in selection order, with each detector's score (marked when above
// that detector's threshold), the combined rank score and the shift tags. All text is rendered as text.
import { css, html, LitElement, nothing } from 'lit';
import type { SampleRecord, SelectionResult } from '../../core/dasa/types';
import { formatMetric, formatPercent } from '../format-metric';
import { formatCount } from '../format';
import { blockElement } from '../theme';
import { detectorName } from '../detector-names';
import type { SampleText } from './sample-text';

const PAGE = 50;

export class SelectedSamplesTable extends LitElement {
  static override properties = {
    result: { attribute: false },
    samples: { attribute: false },
    offset: { state: true },
  };

  declare result: SelectionResult | null;
  /** Text of the selected samples by id (the engine looks them up; grades are not needed). */
  declare samples: ReadonlyMap<string, SampleText>;
  declare offset: number;

  static override styles = [
    blockElement,
    css`
      .stats { display: flex; flex-wrap: wrap; gap: 0.4rem 1.25rem; margin: 0 0 0.75rem; padding: 0; list-style: none; font-size: 0.875rem; }
      .stats strong { font-variant-numeric: tabular-nums; }
      .scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
      table { min-width: 44rem; }
      td.text { max-width: 20rem; overflow-wrap: anywhere; }
      .fields { color: var(--ink-muted); font-size: 0.8rem; margin-top: 0.15rem; }
      .above { color: #a33a0a; font-weight: 600; }
      .tag { display: inline-block; font-size: 0.72rem; padding: 0.05rem 0.4rem; border-radius: 4px; background: #eef0f4; color: #3b4352; margin: 0 0.2rem 0.2rem 0; white-space: nowrap; }
      .pager { display: flex; gap: 0.75rem; align-items: center; justify-content: space-between; margin-top: 0.6rem; font-size: 0.85rem; flex-wrap: wrap; }
      .footnote { font-size: 0.8rem; margin: 0.4rem 0 0; }
    `,
  ];

  constructor() {
    super();
    this.result = null;
    this.samples = new Map();
    this.offset = 0;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('result')) this.offset = 0;
  }

  #stats(result: SelectionResult) {
    const stats = result.stats;
    const items: [string, string][] = [
      ['Pool', formatCount(stats.pool)],
      ['Above threshold', formatCount(stats.candidates)],
      ['Budget', formatCount(stats.budget)],
      ['Selected', formatCount(stats.selected)],
    ];
    if (stats.shortfall > 0) items.push(['Short of budget', formatCount(stats.shortfall)]);
    items.push(['Near-duplicates skipped', formatCount(stats.skippedNearDuplicates)]);
    if (stats.oodTagged) items.push(['OOD-tagged: pool / selected', `${formatPercent(stats.oodTagged.pool)} / ${formatPercent(stats.oodTagged.selected)}`]);
    return html`<ul class="stats" data-testid="selected-stats">${items.map(([label, value]) => html`<li>${label}: <strong>${value}</strong></li>`)}</ul>`;
  }

  #row(record: SampleRecord, detectors: string[]) {
    const sample = this.samples.get(record.id);
    const fields = sample ? Object.entries(sample.item.fields) : [];
    return html`<tr data-id=${record.id}>
      <td class="num">${(record.selectionOrder ?? 0) + 1}</td>
      <td class="text">${sample ? sample.query : html`<span class="muted">${record.id}</span>`}</td>
      <td class="text">${sample ? html`<div>${sample.item.title}</div>${fields.length > 0 ? html`<div class="fields">${fields.map(([name, value]) => `${name}: ${value}`).join(' · ')}</div>` : nothing}` : nothing}</td>
      ${detectors.map((detector) => {
        const above = record.aboveDetectorThreshold[detector] ?? false;
        return html`<td class="num ${above ? 'above' : ''}" title=${above ? 'above this detector\'s threshold' : 'at or below this detector\'s threshold'}>${formatMetric(record.scores[detector])}${above ? ' ▲' : ''}</td>`;
      })}
      <td class="num">${formatMetric(record.combined)}</td>
      <td class="num">${Number.isNaN(record.rank) ? '—' : formatCount(record.rank)}</td>
      <td>${sample && sample.tags.length > 0 ? sample.tags.map((tag) => html`<span class="tag">${tag}</span>`) : html`<span class="muted">ID</span>`}</td>
    </tr>`;
  }

  override render() {
    const result = this.result;
    if (!result) return html`<p class="muted">No selection yet.</p>`;
    const byId = new Map(result.perSample.map((record) => [record.id, record]));
    const records = result.selected.map((id) => byId.get(id)).filter((record): record is SampleRecord => record !== undefined);
    const detectors = Object.keys(result.thresholds?.perDetector ?? records[0]?.scores ?? {});
    const page = records.slice(this.offset, this.offset + PAGE);
    const last = Math.min(this.offset + PAGE, records.length);
    return html`${this.#stats(result)}
      <div class="scroll">
        <table data-testid="selected-table">
          <caption class="visually-hidden">Selected pool samples in selection order; ▲ marks a score above that detector's threshold</caption>
          <thead><tr>
            <th class="num" scope="col">#</th><th scope="col">Query</th><th scope="col">Item</th>
            ${detectors.map((detector) => html`<th class="num" scope="col">${detectorName(detector)}</th>`)}
            <th class="num" scope="col" title="Mean of the detectors' normalised ranks, 0 to 1">Combined</th><th class="num" scope="col" title="1 = most OOD in the pool">Rank</th><th scope="col">Shift</th>
          </tr></thead>
          <tbody>${page.map((record) => this.#row(record, detectors))}</tbody>
        </table>
      </div>
      ${records.length > PAGE
        ? html`<div class="pager">
            <span data-testid="selected-count">${this.offset + 1}–${last} of ${formatCount(records.length)} selected</span>
            <span>
              <button ?disabled=${this.offset === 0} @click=${() => (this.offset = Math.max(0, this.offset - PAGE))}>Previous</button>
              <button ?disabled=${last >= records.length} @click=${() => (this.offset += PAGE)}>Next</button>
            </span>
          </div>`
        : nothing}
      <p class="muted footnote">Scores: a higher score means more OOD; ▲ marks a score above its detector's threshold.</p>`;
  }
}

customElements.define('lab-selected-samples', SelectedSamplesTable);

declare global {
  interface HTMLElementTagNameMap {
    'lab-selected-samples': SelectedSamplesTable;
  }
}
