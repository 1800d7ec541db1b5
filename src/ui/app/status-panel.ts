// Shows the running backend, why it was chosen, the adapter, backend and training threads, and memory in
// use: the engine's tfjs tensors, and where the browser tells, the page's JavaScript heap and the
// whole page with its worker (page-memory.ts), and on WebGPU the buffer sizes the device was granted. Warns when the backend computes on a software fallback.
import { css, html, LitElement, nothing } from 'lit';
import type { BackendInfo } from '../../core/backend/types';
import type { WebGpuLimits } from '../../core/backend/webgpu-limits';
import type { MemoryInfo } from '../../engine/types';
import { formatAdapter, formatBytes } from '../format';
import { canMeasureAgent, measureAgentMemory, readJsHeap, type AgentMemory, type JsHeap } from '../page-memory';

const HEAP_REFRESH_MS = 2000;
/** The whole-page measurement may wait for a garbage collection: ask rarely. */
const AGENT_REFRESH_MS = 30_000;

export class StatusPanel extends LitElement {
  static override properties = {
    info: { attribute: false },
    memory: { attribute: false },
    error: { attribute: false },
    heap: { state: true },
    agent: { state: true },
  };

  declare info: BackendInfo | null;
  declare memory: MemoryInfo | null;
  declare error: Error | null;
  declare heap: JsHeap | null;
  declare agent: AgentMemory | null;
  #heapTimer: ReturnType<typeof setInterval> | undefined;
  #agentTimer: ReturnType<typeof setInterval> | undefined;
  #measuring = false;

  static override styles = css`
    :host { display: block; border: 1px solid #d6dae2; border-radius: 8px; padding: 0.75rem 0.9rem; background: #fff; font-size: 0.85rem; color: #1b2230; }
    h2 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.05em; color: #4d5668; margin: 0 0 0.5rem; }
    dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.3rem 0.75rem; margin: 0; }
    dt { color: #4d5668; }
    dd { margin: 0; overflow-wrap: anywhere; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    dd.wide { grid-column: 1 / -1; color: #4d5668; font-size: 0.8rem; line-height: 1.4; }
    .backend { font-weight: 700; color: #2456c8; }
    .sub { color: #4d5668; font-size: 0.78rem; }
    .warning { margin: 0.6rem 0 0; padding: 0.5rem 0.6rem; background: #fff5db; border-left: 4px solid #b98100; border-radius: 4px; font-size: 0.8rem; line-height: 1.4; }
    .error { margin: 0; padding: 0.5rem; background: #fdeceb; border-left: 4px solid #b3261e; white-space: pre-wrap; overflow-wrap: anywhere; }
  `;

  constructor() {
    super();
    this.info = null;
    this.memory = null;
    this.error = null;
    this.heap = null;
    this.agent = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.heap = readJsHeap();
    this.#heapTimer = setInterval(() => (this.heap = document.hidden ? this.heap : readJsHeap()), HEAP_REFRESH_MS);
    if (canMeasureAgent()) {
      void this.#measureAgent();
      this.#agentTimer = setInterval(() => void this.#measureAgent(), AGENT_REFRESH_MS);
    }
  }

  override disconnectedCallback(): void {
    clearInterval(this.#heapTimer);
    clearInterval(this.#agentTimer);
    super.disconnectedCallback();
  }

  async #measureAgent(): Promise<void> {
    if (this.#measuring || document.hidden) return;
    this.#measuring = true;
    try {
      this.agent = (await measureAgentMemory()) ?? this.agent;
    } finally {
      this.#measuring = false;
    }
  }

  #warnings(info: BackendInfo): string[] {
    const warnings: string[] = [];
    const gpu = info.probe.webgpu;
    if (gpu.available && gpu.software) {
      warnings.push(
        info.backend === 'webgpu'
          ? 'WebGPU is running on a software fallback adapter: it computes on the CPU and is far slower than wasm here.'
          : 'The only WebGPU adapter on this machine is a software fallback (it computes on the CPU), so the lab does not use it unless you force it.',
      );
    }
    if (info.backend === 'webgl' && info.probe.webgl.software) {
      warnings.push(`WebGL is running on a software renderer (${info.probe.webgl.renderer ?? 'a CPU rasteriser'}): it computes on the CPU and is far slower than wasm here.`);
    }
    if (info.backend === 'cpu') {
      warnings.push(info.forced
        ? 'The cpu backend is plain JavaScript: correct, but many times slower than wasm. Choose auto to use the fastest backend here.'
        : 'Only the plain JavaScript cpu backend could start: training will be slow. A browser with WebAssembly or WebGPU is much faster.');
    }
    if (info.backend === 'wasm' && info.threads === 1 && info.probe.host !== 'node' && !info.probe.crossOriginIsolated) {
      warnings.push('wasm runs on one thread: the page is not cross-origin isolated (the server must send COOP/COEP headers).');
    }
    return warnings;
  }

  /** What the WebGPU device was granted: a model's largest tensor must fit one binding. */
  #webgpuLimits({ granted, adapter }: WebGpuLimits) {
    const offered = adapter ? `the adapter offers ${formatBytes(adapter.maxStorageBufferBindingSize)} and ${formatBytes(adapter.maxBufferSize)}` : 'the adapter\'s limits are unknown';
    return html`<dt>WebGPU buffers</dt>
      <dd data-testid="status-webgpu-limits" data-binding=${granted.maxStorageBufferBindingSize} data-buffer=${granted.maxBufferSize}>
        ${formatBytes(granted.maxStorageBufferBindingSize)} per binding, ${formatBytes(granted.maxBufferSize)} per buffer <span class="sub">(granted; ${offered})</span>
      </dd>`;
  }

  override render() {
    if (this.error) {
      return html`<h2>Compute engine</h2>
        <p class="error" role="alert" data-testid="status-error">${this.error.name}: ${this.error.message}</p>`;
    }
    const info = this.info;
    if (!info) return html`<h2>Compute engine</h2><p data-testid="status-starting">Starting the engine…</p>`;
    const memory = this.memory;
    return html`<h2>Compute engine</h2>
      <dl>
        <dt>Backend</dt>
        <dd><span class="backend" data-testid="status-backend">${info.backend}</span> ${info.forced ? '(forced)' : '(chosen automatically)'}</dd>
        <dt class="visually-hidden">Why</dt>
        <dd class="wide" data-testid="status-reason">${info.reason}</dd>
        <dt>GPU adapter</dt>
        <dd data-testid="status-adapter">${formatAdapter(info.probe.webgpu.adapterInfo)}${info.probe.webgpu.software ? ' (software)' : ''}</dd>
        ${info.webgpuLimits ? this.#webgpuLimits(info.webgpuLimits) : nothing}
        <dt>Backend threads</dt>
        <dd data-testid="status-threads">${info.threads}</dd>
        <dt>Training threads</dt>
        <dd data-testid="status-training-threads">${info.trainingThreads}</dd>
        ${info.kernels ? html`<dt>Kernels</dt><dd data-testid="status-kernels">${info.kernels}</dd>` : nothing}
        <dt>Isolated</dt>
        <dd>${info.probe.crossOriginIsolated ? 'yes' : 'no'}</dd>
        <dt>Memory in use</dt>
        <dd data-testid="status-memory">${memory ? `${formatBytes(memory.numBytes)} in ${memory.numTensors} tensors` : '…'} <span class="sub">(tfjs, in the engine)</span></dd>
        ${this.heap ? html`<dt>Page heap</dt><dd data-testid="status-heap">${formatBytes(this.heap.used)} <span class="sub">of ${formatBytes(this.heap.limit)} (JavaScript, this page)</span></dd>` : nothing}
        ${canMeasureAgent()
          ? html`<dt>Whole page</dt><dd data-testid="status-agent-memory">${this.agent ? html`${formatBytes(this.agent.bytes)} <span class="sub">(${formatBytes(this.agent.workerBytes)} in the engine worker, wasm included)</span>` : 'measuring…'}</dd>`
          : nothing}
        <dt>tfjs</dt>
        <dd>${info.tfjsVersion}, started in ${Math.round(info.setupMs)} ms</dd>
      </dl>
      ${this.#warnings(info).map((text) => html`<p class="warning" role="status" data-testid="status-warning">${text}</p>`)}
      ${nothing}`;
  }
}

customElements.define('lab-status-panel', StatusPanel);

declare global {
  interface HTMLElementTagNameMap {
    'lab-status-panel': StatusPanel;
  }
}
