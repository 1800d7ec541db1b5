// darl and ce-ft for the page's settings: their stored evaluations (`engine.pipelineVariantResults`,
// a lookup that computes nothing), read again whenever the settings change or a pipeline job ends.
// Run all's sentence and its time estimate both read it; one on the page's lab.
import type { PipelineRequest, PipelineVariantResult } from '../../engine/pipeline-types';
import type { LabHandle } from '../lab-handle';
import type { PipelineSession } from './pipeline-session';

export interface Comparison {
  darl: PipelineVariantResult | null;
  ceFt: PipelineVariantResult | null;
}

export class RunComparison {
  /** What is stored for the request in `readFor` (null before the first read). */
  stored: Comparison | null = null;
  /** JSON of the request read. */
  readFor: string | null = null;
  readonly #watchers = new Set<() => void>();
  #reading: string | null = null;

  constructor(
    private readonly handle: LabHandle,
    private readonly session: PipelineSession,
  ) {
    session.onJobEnd(() => {
      this.readFor = null;
      this.#changed();
    });
  }

  watch(onChange: () => void): () => void {
    this.#watchers.add(onChange);
    return () => this.#watchers.delete(onChange);
  }

  #changed(): void {
    for (const watcher of this.#watchers) watcher();
  }

  /** The lookup for this request, when it is the one read. */
  for(request: PipelineRequest | null): Comparison | null {
    return request && this.readFor === JSON.stringify(request) ? this.stored : null;
  }

  /** Reads the two variants' evaluations for the page's request, unless they are already read. */
  async refresh(): Promise<void> {
    const request = this.session.request();
    if (!request || this.session.runner.active) return;
    const key = JSON.stringify(request);
    if (key === this.readFor || key === this.#reading) return;
    this.#reading = key;
    try {
      const found = await this.handle.engine.pipelineVariantResults(request, ['darl', 'ce-ft']);
      if (this.#reading !== key) return;
      const result = (variant: string) => found.find((entry) => entry.variant === variant)?.result ?? null;
      this.stored = { darl: result('darl'), ceFt: result('ce-ft') };
      this.readFor = key;
    } catch {
      // Not read again until the settings change or a job ends; the variants table on Evaluate shows lookup errors.
      this.stored = null;
      this.readFor = key;
    } finally {
      if (this.#reading === key) this.#reading = null;
    }
    this.#changed();
  }
}
