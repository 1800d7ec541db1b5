// The page's lab: made once in app/main.ts, it owns the engine handle, the page state and the sessions
// that outlive the screens (the pipeline, the training jobs, the experiment's variants, Run all's
// estimate and comparison, the reference run, the dataset choice). The shell passes it to the
// screens, and each screen passes on the part its elements need; nothing else keeps page state.
import type { ReferenceRun } from '../../core/experiment/reference-run';
import { referenceRunLoader } from './reference-run-source';
import { VariantRuns } from './variant-runs';
import type { LabHandle } from '../lab-handle';
import { LabState } from './lab-state';
import { PipelineSession } from './pipeline-session';
import { RunAllEstimator } from './run-all-estimate';
import { RunComparison } from './run-comparison';
import { decodeSettings } from '../settings/url-state';
import { SETTINGS_TABLE } from '../../core/pipeline/settings-table';
import { STAGE_IDS, type StageId } from '../stage';
import { datasetChooser } from './dataset-choice';
import { TrainingSessions } from './training-session';

export interface Lab {
  /** The engine, its backend and its restarts; also the console handle `window.lab`. */
  readonly handle: LabHandle;
  /** Where the person is, every setting, the dataset, and each stage's line. */
  readonly state: LabState;
  readonly pipeline: PipelineSession;
  readonly training: TrainingSessions;
  /** The experiment's variants for the page's settings (Evaluate). */
  readonly variantRuns: VariantRuns;
  /** darl and ce-ft for the page's settings (Run all's sentence and time). */
  readonly runComparison: RunComparison;
  readonly runAllEstimator: RunAllEstimator;
  /** The shipped reference run, read once. */
  readonly referenceRun: () => Promise<ReferenceRun>;
  /** Picks the stored dataset the Data stage chose when the page has none yet. */
  readonly ensureDataset: () => void;
}

/** The page state the address asks for: its stage and settings, with what could not be used. */
export function stateFromAddress(hash: string = location.hash): LabState {
  const decoded = decodeSettings(hash, SETTINGS_TABLE, STAGE_IDS);
  const state = new LabState((decoded.stage as StageId | null) ?? 'data', decoded.values);
  state.linkProblems = decoded.problems;
  return state;
}

export function createLab(handle: LabHandle, state: LabState = stateFromAddress()): Lab {
  const training = new TrainingSessions(handle, state);
  const pipeline = new PipelineSession(handle, state, training);
  const runComparison = new RunComparison(handle, pipeline);
  return {
    handle,
    state,
    pipeline,
    training,
    variantRuns: new VariantRuns(handle, pipeline),
    runComparison,
    runAllEstimator: new RunAllEstimator(handle, state, pipeline, runComparison),
    referenceRun: referenceRunLoader(),
    ensureDataset: datasetChooser(handle, state),
  };
}
