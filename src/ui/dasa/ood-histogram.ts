// OOD score histogram of one detector at a time: ID validation against the pool, each as a share of its
// set, with the threshold as a slider over the plot (drag it, click the plot, or use the arrow keys on
// it). Shows how many pool samples score above the threshold and how much of ID validation stays below.
// Fires `threshold-input` while dragging and `threshold-change` when a value is settled (key, release).
import { BarController, BarElement, Chart, Legend, LinearScale, Tooltip, type ChartConfiguration, type Plugin } from 'chart.js';
import { css, html, LitElement, nothing, unsafeCSS } from 'lit';
import { canvasChart } from '../chart-controller';
import { formatPercent } from '../format-metric';
import { SET_COLOURS, withAlpha } from '../palette';
import { controls, tokens } from '../theme';
import { detectorName } from '../detector-names';
import { countAbove, histogram, niceStep, scoreRange, snapToStep, stepDecimals, type ScoreRange } from './histogram-math';

Chart.register(BarController, BarElement, LinearScale, Legend, Tooltip);

export interface DetectorScoreSets {
  /** Scores of ID validation (higher = more OOD). */
  val: ArrayLike<number>;
  /** Scores of the pool. */
  pool: ArrayLike<number>;
}

export interface ThresholdDetail {
  detector: string;
  threshold: number;
  /** Pool samples scoring above the threshold. */
  poolAbove: number;
  poolTotal: number;
  /** ID validation samples at or below the threshold (kept as in-distribution). */
  idValKept: number;
  idValTotal: number;
}

const BINS = 30;
/** Arrow keys move the threshold by about 1/100 of the score range, Page Up / Down by ten times that. */
const STEPS_PER_RANGE = 100;

export class OodHistogram extends LitElement {
  static override properties = {
    scores: { attribute: false },
    thresholds: { attribute: false },
    detector: { attribute: false },
    current: { state: true },
  };

  /** Detector name -> its scores on ID validation and on the pool. */
  declare scores: Readonly<Record<string, DetectorScoreSets>>;
  /** The starting threshold of each detector (SelectionResult.thresholds.perDetector). */
  declare thresholds: Readonly<Record<string, number>>;
  /** The detector shown; the first one when null. */
  declare detector: string | null;
  declare current: Record<string, number>;
  #dragging = false;
  readonly #charts = canvasChart(this, () => this.#config());

  static override styles = [
    tokens,
    controls,
    css`
      :host { display: block; --ood-colour: ${unsafeCSS(SET_COLOURS.ood)}; }
      .detectors { display: flex; gap: 0.4rem; flex-wrap: wrap; margin-bottom: 0.6rem; }
      .detectors button[aria-pressed='true'] { background: var(--accent-soft); border-color: var(--accent); color: #1b3f93; font-weight: 600; }
      .plot { position: relative; height: 16rem; touch-action: none; cursor: ew-resize; user-select: none; }
      .handle { position: absolute; top: 0; width: 18px; margin-left: -9px; height: 100%; cursor: ew-resize; display: flex; justify-content: center; outline: none; }
      .handle::before { content: ''; width: 3px; height: 100%; background: var(--ood-colour); border-radius: 2px; }
      .handle::after { content: ''; position: absolute; top: -2px; width: 14px; height: 14px; border-radius: 50%; background: var(--ood-colour); border: 2px solid #fff; box-shadow: 0 0 0 1px var(--ood-colour); }
      .handle:focus-visible::after { box-shadow: 0 0 0 4px #8fb0f0; }
      .readout { margin: 0.6rem 0 0; font-size: 0.9rem; }
      .readout strong { font-variant-numeric: tabular-nums; }
      .hint { margin: 0.25rem 0 0; font-size: 0.8rem; }
      details { margin-top: 0.5rem; font-size: 0.85rem; }
      .empty { color: var(--ink-muted); }
    `,
  ];

  constructor() {
    super();
    this.scores = {};
    this.thresholds = {};
    this.detector = null;
    this.current = {};
  }

  /** The detector on screen. */
  get shownDetector(): string | null {
    const names = Object.keys(this.scores);
    return this.detector !== null && names.includes(this.detector) ? this.detector : (names[0] ?? null);
  }

  /** The threshold of a detector as it is now (moved by the person, or as given). */
  thresholdOf(detector: string): number | null {
    return this.current[detector] ?? this.thresholds[detector] ?? null;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // New starting thresholds (a new selection) replace what was moved.
    if (changed.has('thresholds') || changed.has('scores')) this.current = {};
  }

  #range(): ScoreRange | null {
    const detector = this.shownDetector;
    if (detector === null) return null;
    const sets = this.scores[detector];
    return scoreRange(sets.val, sets.pool);
  }

  #step(range: ScoreRange): number {
    return niceStep((range.max - range.min) / STEPS_PER_RANGE);
  }

  detail(detector: string): ThresholdDetail | null {
    const sets = this.scores[detector];
    const threshold = this.thresholdOf(detector);
    if (!sets || threshold === null) return null;
    return {
      detector,
      threshold,
      poolAbove: countAbove(sets.pool, threshold),
      poolTotal: sets.pool.length,
      idValKept: sets.val.length - countAbove(sets.val, threshold),
      idValTotal: sets.val.length,
    };
  }

  #set(value: number, settled: boolean): void {
    const detector = this.shownDetector;
    const range = this.#range();
    if (detector === null || !range) return;
    const step = this.#step(range);
    const lowest = snapToStep(range.min, step) - step;
    const highest = snapToStep(range.max, step) + step;
    const threshold = snapToStep(Math.min(highest, Math.max(lowest, value)), step);
    const changed = threshold !== this.thresholdOf(detector);
    if (changed) this.current = { ...this.current, [detector]: threshold };
    if (changed || settled) {
      const detail = this.detail(detector)!;
      this.dispatchEvent(new CustomEvent<ThresholdDetail>(settled ? 'threshold-change' : 'threshold-input', { detail, bubbles: true, composed: true }));
    }
  }

  #keys(event: KeyboardEvent): void {
    const detector = this.shownDetector;
    const range = this.#range();
    const threshold = detector === null ? null : this.thresholdOf(detector);
    if (!range || threshold === null) return;
    const step = this.#step(range);
    const moves: Record<string, number> = { ArrowRight: step, ArrowUp: step, ArrowLeft: -step, ArrowDown: -step, PageUp: 10 * step, PageDown: -10 * step };
    if (event.key in moves) this.#set(threshold + moves[event.key], true);
    else if (event.key === 'Home') this.#set(range.min, true);
    else if (event.key === 'End') this.#set(range.max, true);
    else return;
    event.preventDefault();
  }

  #valueAt(event: PointerEvent): number | null {
    const chart = this.#charts.chart;
    if (!chart) return null;
    const rect = chart.canvas.getBoundingClientRect();
    return chart.scales.x.getValueForPixel(event.clientX - rect.left) ?? null;
  }

  #pointerDown(event: PointerEvent): void {
    const chart = this.#charts.chart;
    if (event.button !== 0 || !chart) return;
    // Only the plot area moves the threshold; the legend below keeps its own clicks.
    const y = event.clientY - chart.canvas.getBoundingClientRect().top;
    if (y < chart.chartArea.top - 10 || y > chart.chartArea.bottom) return;
    const value = this.#valueAt(event);
    if (value === null) return;
    this.#dragging = true;
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    this.renderRoot.querySelector<HTMLElement>('.handle')?.focus({ preventScroll: true });
    this.#set(value, false);
    event.preventDefault();
  }

  #pointerMove(event: PointerEvent): void {
    if (!this.#dragging) return;
    const value = this.#valueAt(event);
    if (value !== null) this.#set(value, false);
  }

  #pointerUp(event: PointerEvent): void {
    if (!this.#dragging) return;
    this.#dragging = false;
    const value = this.#valueAt(event);
    this.#set(value ?? this.thresholdOf(this.shownDetector!)!, true);
  }

  /** Draws the threshold line's shaded "above" side and places the slider handle on it. */
  readonly #thresholdPlugin: Plugin = {
    id: 'lab-threshold',
    beforeDatasetsDraw: (chart) => {
      const threshold = this.shownDetector === null ? null : this.thresholdOf(this.shownDetector);
      if (threshold === null) return;
      const { ctx, chartArea } = chart;
      const x = Math.min(chartArea.right, Math.max(chartArea.left, chart.scales.x.getPixelForValue(threshold)));
      ctx.save();
      ctx.fillStyle = withAlpha(SET_COLOURS.ood, 0.08);
      ctx.fillRect(x, chartArea.top, chartArea.right - x, chartArea.bottom - chartArea.top);
      ctx.restore();
    },
    afterDraw: (chart) => {
      const handle = this.renderRoot.querySelector<HTMLElement>('.handle');
      const threshold = this.shownDetector === null ? null : this.thresholdOf(this.shownDetector);
      if (!handle || threshold === null) return;
      const { chartArea } = chart;
      const x = Math.min(chartArea.right, Math.max(chartArea.left, chart.scales.x.getPixelForValue(threshold)));
      handle.style.left = `${x}px`;
      handle.style.top = `${chartArea.top}px`;
      handle.style.height = `${chartArea.bottom - chartArea.top}px`;
    },
  };

  #config(): ChartConfiguration | null {
    const detector = this.shownDetector;
    const range = this.#range();
    if (detector === null || !range) return null;
    const sets = this.scores[detector];
    const series = [
      { label: 'ID validation', values: sets.val, colour: SET_COLOURS.id },
      { label: 'Pool', values: sets.pool, colour: SET_COLOURS.pool },
    ];
    return {
      type: 'bar',
      data: {
        datasets: series.map(({ label, values, colour }) => {
          const bins = histogram(values, range, BINS);
          const total = Math.max(1, values.length);
          return {
            label: `${label} (${values.length})`,
            data: bins.map((bin) => ({ x: (bin.lower + bin.upper) / 2, y: (100 * bin.count) / total })),
            backgroundColor: withAlpha(colour, 0.55),
            borderColor: colour,
            borderWidth: 1,
            grouped: false,
            barPercentage: 1,
            categoryPercentage: 1,
          };
        }),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        scales: {
          x: { type: 'linear', min: range.min, max: range.max, offset: false, title: { display: true, text: `${detectorName(detector)} score (higher = more OOD)` } },
          y: { beginAtZero: true, title: { display: true, text: '% of the set' }, ticks: { callback: (value) => `${value}%` } },
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 12 } },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${(item.parsed.y ?? 0).toFixed(1)}%` } },
        },
      },
      plugins: [this.#thresholdPlugin],
    };
  }

  override render() {
    const names = Object.keys(this.scores);
    const detector = this.shownDetector;
    if (detector === null) return html`<p class="empty">No OOD scores yet.</p>`;
    const range = this.#range();
    const detail = this.detail(detector);
    if (!range || !detail) return html`<p class="empty">${detectorName(detector)}: no finite scores to draw.</p>`;
    const step = this.#step(range);
    const digits = stepDecimals(step);
    const threshold = detail.threshold.toFixed(digits);
    const summary = `${detail.poolAbove} of ${detail.poolTotal} pool samples score above ${threshold}`;
    const kept = detail.idValTotal > 0 ? detail.idValKept / detail.idValTotal : 0;
    return html`${names.length > 1
        ? html`<div class="detectors" role="group" aria-label="Detector">
            ${names.map((name) => html`<button aria-pressed=${name === detector ? 'true' : 'false'} data-testid="histogram-detector-${name}" @click=${() => (this.detector = name)}>${detectorName(name)}</button>`)}
          </div>`
        : nothing}
      <div class="plot" @pointerdown=${this.#pointerDown} @pointermove=${this.#pointerMove} @pointerup=${this.#pointerUp} @pointercancel=${this.#pointerUp}>
        <canvas role="img" aria-label="Histogram of ${detectorName(detector)} scores of ID validation and of the pool" data-testid="histogram-chart"></canvas>
        <div class="handle" role="slider" tabindex="0" data-testid="histogram-threshold"
          aria-label="${detectorName(detector)} threshold"
          aria-valuemin=${String(range.min)} aria-valuemax=${String(range.max)} aria-valuenow=${String(detail.threshold)}
          aria-valuetext="${threshold}: ${summary}"
          @keydown=${this.#keys}></div>
      </div>
      <p class="readout" aria-live="polite" data-testid="histogram-readout">
        Threshold <strong data-testid="histogram-threshold-value">${threshold}</strong>:
        <strong data-testid="histogram-pool-above">${detail.poolAbove}</strong> of ${detail.poolTotal} pool samples
        (${formatPercent(detail.poolTotal > 0 ? detail.poolAbove / detail.poolTotal : 0)}) score above it and pass;
        ID validation kept below it: <strong data-testid="histogram-id-kept">${formatPercent(kept)}</strong> (${detail.idValKept} of ${detail.idValTotal}).
      </p>
      <p class="hint muted">A higher score means more OOD. Drag the line or click the plot; on the line, arrow keys move it by ${step.toFixed(digits)}, Page Up / Page Down by ten times that, Home / End to the ends.</p>
      <details>
        <summary>Numbers</summary>
        ${this.#table(range, detector)}
      </details>`;
  }

  #table(range: ScoreRange, detector: string) {
    const sets = this.scores[detector];
    const val = histogram(sets.val, range, BINS);
    const pool = histogram(sets.pool, range, BINS);
    const digits = stepDecimals(this.#step(range));
    return html`<table data-testid="histogram-table">
      <caption class="visually-hidden">${detectorName(detector)} score counts per bin</caption>
      <thead><tr><th scope="col">Score bin</th><th class="num" scope="col">ID validation</th><th class="num" scope="col">Pool</th></tr></thead>
      <tbody>${val.map((bin, b) => html`<tr><td>${bin.lower.toFixed(digits)} – ${bin.upper.toFixed(digits)}</td><td class="num">${bin.count}</td><td class="num">${pool[b].count}</td></tr>`)}</tbody>
    </table>`;
  }
}

customElements.define('lab-ood-histogram', OodHistogram);

declare global {
  interface HTMLElementTagNameMap {
    'lab-ood-histogram': OodHistogram;
  }
}
