// After a DaRL pipeline run is imported on the Runs screen: choose its dataset on the page (when it
// is stored here) and read the pipeline's results again, so the DASA, Interpolate and Evaluate
// screens show the imported stages. The screens show what is stored for the page's settings, so the
// preset and seed are set to the run's; stage settings that differ are named, not changed.
import type { PipelineRunRecord } from '../../core/engine/pipeline-types';
import type { RunRecord } from '../../storage';
import { SELECTED_DATASET_KEY } from '../data/data-screen';
import type { LabHandle } from '../lab-handle';
import type { LabState } from '../lab-state';
import { pipelineSession } from '../pipeline/pipeline-session';

const SCREENS = 'the DASA, Interpolate and Evaluate screens';

/** One sentence for the import message, or null when the run is not a pipeline run. */
export async function afterPipelineImport(lab: LabHandle, state: LabState, stored: RunRecord): Promise<string | null> {
  if (stored.kind !== 'pipeline-run' || typeof stored.datasetId !== 'string') return null;
  const run = stored as unknown as PipelineRunRecord;
  const named = `"${run.datasetName}" (${run.datasetId})`;
  const dataset = (await lab.engine.listDatasets()).find((entry) => entry.info.id === run.datasetId);
  if (!dataset) return `Its dataset ${named} is not stored in this browser: import or generate it to see the run's results on ${SCREENS}.`;
  localStorage.setItem(SELECTED_DATASET_KEY, dataset.info.id);
  if (state.dataset?.info.id !== dataset.info.id) state.update({ dataset });
  if (state.values['model.preset'] !== run.request.preset) state.setValue('model.preset', run.request.preset);
  if (state.values['model.seed'] !== run.request.seed) state.setValue('model.seed', run.request.seed);
  const session = pipelineSession();
  const page = session.request(dataset.info.id);
  await session.refresh(true);
  const same = page !== null && (page.budget ?? 'full') === run.request.budget && JSON.stringify(page.settings ?? {}) === JSON.stringify(run.request.settings ?? {});
  return same
    ? `Its results show on ${SCREENS} for dataset ${named}.`
    : `Dataset ${named} is chosen, but the page's stage settings differ from the ones the run used, so ${SCREENS} show what is stored for the page's settings; the run used ${JSON.stringify(run.request.settings)}.`;
}
