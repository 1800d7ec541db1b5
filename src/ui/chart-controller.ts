// Keeps one Chart.js chart in step with a lit element: made on the first render that has a canvas and
// data, updated in place on later renders, destroyed when the element leaves the page. Every chart
// of the page (grades, loss curve, DASA picture, sweep, reliability, per-class F1) is one of these.
import { Chart, type ChartConfiguration } from 'chart.js';
import type { LitElement, ReactiveController, ReactiveControllerHost } from 'lit';

/** The chart drawn on the canvas of an element's own shadow root, from `config` (null: no chart now). */
export function canvasChart(host: LitElement, config: () => ChartConfiguration | null): ChartController {
  return new ChartController(host, () => host.renderRoot.querySelector('canvas'), config);
}

export class ChartController implements ReactiveController {
  #chart: Chart | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly canvas: () => HTMLCanvasElement | null,
    private readonly config: () => ChartConfiguration | null,
  ) {
    host.addController(this);
  }

  get chart(): Chart | null {
    return this.#chart;
  }

  hostUpdated(): void {
    const canvas = this.canvas();
    const config = canvas ? this.config() : null;
    if (!canvas || !config) {
      this.#destroy();
      return;
    }
    if (this.#chart && this.#chart.canvas === canvas) {
      this.#chart.data = config.data;
      this.#chart.options = config.options ?? {};
      this.#chart.update('none');
      return;
    }
    this.#destroy();
    this.#chart = new Chart(canvas, config);
  }

  hostDisconnected(): void {
    this.#destroy();
  }

  #destroy(): void {
    this.#chart?.destroy();
    this.#chart = null;
  }
}
