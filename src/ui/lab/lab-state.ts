// The lab's shared page state: where the person is, every setting, and what each stage did.
// Elements subscribe through StateController and re-render on every change.
import type { DatasetSummary } from '../../engine/data-types';
import type { SettingValue, SettingValues } from '../settings/spec';
import type { StageId } from '../stage';
import { WatchController } from '../watch-controller';

export type StageState = 'not-run' | 'running' | 'paused' | 'done' | 'failed';

export interface StageStatus {
  state: StageState;
  /** One line: what the stage did, or why it failed. */
  summary: string;
}

export class LabState extends EventTarget {
  stage: StageId;
  values: SettingValues;
  statuses: Partial<Record<StageId, StageStatus>> = {};
  /** True once the engine has started a backend: jobs may run. */
  engineReady = false;
  /** Problems found in the link the page was opened with. */
  linkProblems: string[] = [];
  /** The dataset the later stages work on. */
  dataset: DatasetSummary | null = null;

  constructor(stage: StageId, values: SettingValues) {
    super();
    this.stage = stage;
    this.values = values;
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  /** Calls `listener` on every change; returns the unsubscribe. */
  watch(listener: () => void): () => void {
    this.addEventListener('change', listener);
    return () => this.removeEventListener('change', listener);
  }

  goTo(stage: StageId): void {
    if (stage === this.stage) return;
    this.stage = stage;
    this.#changed();
  }

  setValue(key: string, value: SettingValue): void {
    this.values = { ...this.values, [key]: value };
    this.#changed();
  }

  replaceValues(values: SettingValues): void {
    this.values = values;
    this.#changed();
  }

  setStatus(stage: StageId, status: StageStatus): void {
    this.statuses = { ...this.statuses, [stage]: status };
    this.#changed();
  }

  /** Sets a stage's line unless it already says that (every change re-renders the page). */
  showStatus(stage: StageId, status: StageStatus): void {
    const current = this.status(stage);
    if (status.state !== current.state || status.summary !== current.summary) this.setStatus(stage, status);
  }

  status(stage: StageId): StageStatus {
    return this.statuses[stage] ?? { state: 'not-run', summary: '' };
  }

  update(change: Partial<Pick<LabState, 'engineReady' | 'linkProblems' | 'dataset'>>): void {
    Object.assign(this, change);
    this.#changed();
  }
}

/** Re-renders its host whenever the state it follows changes. */
export class StateController extends WatchController<LabState> {}
