// Shows the running backend, why it was chosen, the adapter, threads and memory in use.
import { css, html, LitElement, nothing } from 'lit';
import type { BackendInfo } from '../core/backend/types';
import type { MemoryInfo } from '../core/engine/types';
import { formatAdapter, formatBytes } from './format';

export class StatusPanel extends LitElement {
  static override properties = {
    info: { attribute: false },
    memory: { attribute: false },
    error: { attribute: false },
  };

  declare info: BackendInfo | null;
  declare memory: MemoryInfo | null;
  declare error: Error | null;

  static override styles = css`
    :host { display: block; border: 1px solid #c9ced6; border-radius: 6px; padding: 0.75rem 1rem; background: #fff; }
    h2 { font-size: 1rem; margin: 0 0 0.5rem; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
    dt { color: #4a5261; }
    dd { margin: 0; }
    .backend { font-weight: 600; }
    .warning { margin: 0.5rem 0 0; padding: 0.5rem; background: #fff4d6; border-left: 4px solid #d99a00; }
    .error { margin: 0; padding: 0.5rem; background: #fde8e8; border-left: 4px solid #c62828; white-space: pre-wrap; }
  `;

  constructor() {
    super();
    this.info = null;
    this.memory = null;
    this.error = null;
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
    if (info.backend === 'wasm' && info.threads === 1 && info.probe.host !== 'node' && !info.probe.crossOriginIsolated) {
      warnings.push('wasm runs on one thread: the page is not cross-origin isolated (the server must send COOP/COEP headers).');
    }
    return warnings;
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
        <dt>Why</dt>
        <dd data-testid="status-reason">${info.reason}</dd>
        <dt>GPU adapter</dt>
        <dd data-testid="status-adapter">${formatAdapter(info.probe.webgpu.adapterInfo)}${info.probe.webgpu.software ? ' (software)' : ''}</dd>
        <dt>Threads</dt>
        <dd data-testid="status-threads">${info.threads}</dd>
        <dt>Cross-origin isolated</dt>
        <dd>${info.probe.crossOriginIsolated ? 'yes' : 'no'}</dd>
        <dt>Memory in use</dt>
        <dd data-testid="status-memory">${memory ? `${formatBytes(memory.numBytes)} in ${memory.numTensors} tensors` : '…'}</dd>
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
