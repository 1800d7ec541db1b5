// Memory figures the browser gives the page, besides the engine's tfjs tensor bytes:
// - performance.memory (Chromium): this page's JavaScript heap, cheap, read every refresh;
// - performance.measureUserAgentSpecificMemory() (cross-origin isolated pages, Chromium): the whole
//   page including the engine worker and its wasm memory; slow (the browser may wait for its next
//   garbage collection), so it is asked for rarely and never twice at once.

export interface JsHeap {
  used: number;
  limit: number;
}

interface ChromiumPerformance {
  memory?: { usedJSHeapSize: number; jsHeapSizeLimit: number };
  measureUserAgentSpecificMemory?: () => Promise<UserAgentMemory>;
}

export interface UserAgentMemory {
  bytes: number;
  breakdown: { bytes: number; attribution: { scope?: string }[] }[];
}

export interface AgentMemory {
  /** Every context of the page: window, workers, their wasm memory. */
  bytes: number;
  /** The part in dedicated workers (the engine). */
  workerBytes: number;
}

export function readJsHeap(perf: ChromiumPerformance = performance as ChromiumPerformance): JsHeap | null {
  const memory = perf.memory;
  if (!memory || !Number.isFinite(memory.usedJSHeapSize)) return null;
  return { used: memory.usedJSHeapSize, limit: memory.jsHeapSizeLimit };
}

export function agentMemoryFrom(result: UserAgentMemory): AgentMemory {
  const workerBytes = result.breakdown
    .filter((entry) => entry.attribution.some((where) => where.scope === 'DedicatedWorkerGlobalScope'))
    .reduce((sum, entry) => sum + entry.bytes, 0);
  return { bytes: result.bytes, workerBytes };
}

/** True when this page may ask for the whole-page measurement. */
export function canMeasureAgent(perf: ChromiumPerformance = performance as ChromiumPerformance, isolated = globalThis.crossOriginIsolated === true): boolean {
  return isolated && typeof perf.measureUserAgentSpecificMemory === 'function';
}

export async function measureAgentMemory(perf: ChromiumPerformance = performance as ChromiumPerformance): Promise<AgentMemory | null> {
  if (!canMeasureAgent(perf)) return null;
  try {
    return agentMemoryFrom(await perf.measureUserAgentSpecificMemory!());
  } catch {
    return null; // e.g. a SecurityError when the page lost isolation
  }
}
