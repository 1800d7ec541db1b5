// Finds out which backends this host can run. Uses only globals (no DOM imports, no tfjs), so the same
// code probes inside the engine worker and in Node.
import { isSoftwareAdapter, isSoftwareRenderer } from './policy';
import { bufferLimitsOf } from './webgpu-limits';
import type { BackendProbe, GpuAdapterSummary, ProbeHost, WasmProbe, WebGlProbe, WebGpuProbe } from './types';

// Tiny modules from GoogleChromeLabs/wasm-feature-detect (the same bytes tfjs-backend-wasm checks).
const SIMD_MODULE: Uint8Array<ArrayBuffer> = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 9, 1, 7, 0, 65, 0, 253, 15, 26, 11,
]);
const THREADS_MODULE: Uint8Array<ArrayBuffer> = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 4, 1, 3, 1, 1, 10, 11, 1, 9, 0, 65, 0, 254, 16, 2, 0, 26, 11,
]);

const ADAPTER_TIMEOUT_MS = 10_000;

export interface ProbeOptions {
  host?: ProbeHost;
  logicalCores?: number;
}

export function detectHost(): ProbeHost {
  const scope = globalThis as { process?: { versions?: { node?: string } }; WorkerGlobalScope?: unknown };
  if (scope.process?.versions?.node) return 'node';
  return typeof scope.WorkerGlobalScope !== 'undefined' ? 'browser-worker' : 'browser-page';
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Reads adapter.info (current Chromium) with the older adapter.isFallbackAdapter as a fallback. */
export function summariseAdapter(adapter: GPUAdapter): GpuAdapterSummary {
  const info = ((adapter as { info?: unknown }).info ?? {}) as Record<string, unknown>;
  const legacyFallback = (adapter as { isFallbackAdapter?: unknown }).isFallbackAdapter;
  return {
    vendor: text(info.vendor),
    architecture: text(info.architecture),
    device: text(info.device),
    description: text(info.description),
    isFallbackAdapter: info.isFallbackAdapter === true || legacyFallback === true,
  };
}

async function probeWebGpu(host: ProbeHost): Promise<WebGpuProbe> {
  const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (!gpu) {
    const problem = host === 'node' ? 'Node has no WebGPU here' : 'navigator.gpu is missing (WebGPU is off or unsupported in this browser)';
    return { available: false, software: false, adapterInfo: null, problem };
  }
  try {
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), ADAPTER_TIMEOUT_MS));
    const adapter = await Promise.race([gpu.requestAdapter(), timeout]);
    if (!adapter) return { available: false, software: false, adapterInfo: null, problem: 'the browser offers no WebGPU adapter' };
    const adapterInfo = summariseAdapter(adapter);
    return { available: true, software: isSoftwareAdapter(adapterInfo), adapterInfo, limits: bufferLimitsOf(adapter.limits) };
  } catch (error) {
    return { available: false, software: false, adapterInfo: null, problem: `requesting a WebGPU adapter failed: ${message(error)}` };
  }
}

function validates(bytes: Uint8Array<ArrayBuffer>): boolean {
  try {
    return WebAssembly.validate(bytes);
  } catch {
    return false;
  }
}

function canShareMemory(): boolean {
  try {
    new MessageChannel().port1.postMessage(new SharedArrayBuffer(1));
    return true;
  } catch {
    return false;
  }
}

function probeWasm(host: ProbeHost, isolated: boolean): WasmProbe {
  if (typeof WebAssembly !== 'object') {
    return { available: false, simd: false, threads: false, problem: 'WebAssembly is missing or disabled' };
  }
  const simd = validates(SIMD_MODULE);
  // tfjs-backend-wasm never starts threads in Node; in browsers threads need SharedArrayBuffer.
  const threads =
    host !== 'node' && isolated && typeof SharedArrayBuffer === 'function' && canShareMemory() && validates(THREADS_MODULE);
  return { available: true, simd, threads };
}

function probeWebGl(host: ProbeHost): WebGlProbe {
  const none = (problem: string): WebGlProbe => ({ available: false, version: null, renderer: null, software: false, problem });
  if (host === 'node') return none('Node has no WebGL');
  if (typeof OffscreenCanvas === 'undefined') return none('OffscreenCanvas is missing');
  try {
    const canvas = new OffscreenCanvas(1, 1);
    const gl2 = canvas.getContext('webgl2');
    const gl = gl2 ?? canvas.getContext('webgl');
    if (!gl) return none('the browser refused a WebGL context');
    // gl.RENDERER is masked ("WebKit WebGL"); the debug extension names the real one (e.g. SwiftShader).
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { available: true, version: gl2 ? 2 : 1, renderer, software: isSoftwareRenderer(renderer) };
  } catch (error) {
    return none(`creating a WebGL context failed: ${message(error)}`);
  }
}

export async function probeBackends(options: ProbeOptions = {}): Promise<BackendProbe> {
  const host = options.host ?? detectHost();
  const scope = globalThis as { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number } };
  const crossOriginIsolated = scope.crossOriginIsolated === true;
  return {
    host,
    webgpu: await probeWebGpu(host),
    wasm: probeWasm(host, crossOriginIsolated),
    webgl: probeWebGl(host),
    cpu: { available: true },
    crossOriginIsolated,
    logicalCores: options.logicalCores ?? scope.navigator?.hardwareConcurrency ?? 1,
  };
}
