// The lab's shared page state: where the person is, every setting, and what each stage did.
// Elements subscribe through StateController and re-render on every change.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DatasetSummary } from '../engine/data-types';
import type { SettingValue, SettingValues } from './settings/spec';
import type { StageId } from './stages/stage';

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

  status(stage: StageId): StageStatus {
    return this.statuses[stage] ?? { state: 'not-run', summary: '' };
  }

  update(change: Partial<Pick<LabState, 'engineReady' | 'linkProblems' | 'dataset'>>): void {
    Object.assign(this, change);
    this.#changed();
  }
}

/** Re-renders its host whenever the state changes. */
export class StateController implements ReactiveController {
  #state: LabState | null = null;
  readonly #listener = () => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  follow(state: LabState | null): void {
    if (state === this.#state) return;
    this.#state?.removeEventListener('change', this.#listener);
    this.#state = state;
    this.#state?.addEventListener('change', this.#listener);
  }

  hostConnected(): void {
    this.#state?.addEventListener('change', this.#listener);
  }

  hostDisconnected(): void {
    this.#state?.removeEventListener('change', this.#listener);
  }
}
