// After a DaRL pipeline run is imported on the Runs screen: choose its dataset on the page (when it
// is stored here), set the page's preset, seed and stage settings to the run's, and read the
// pipeline's results again, so the DASA, Interpolate and Evaluate screens show the imported stages
// (the screens show what is stored for the page's settings). Settings of the run that no page
// setting can express are named in the message, not dropped silently.
import type { PipelineRunRecord } from '../../engine/pipeline-types';
import type { RunRecord } from '../../storage';
import { SELECTED_DATASET_KEY } from '../lab/dataset-choice';
import type { Lab } from '../lab/lab';
import { SETTINGS_TABLE } from '../../core/pipeline/settings-table';
import { GRADES_PATH, pageSettingsFrom, type UnmappedSetting } from '../pipeline/pipeline-settings-import';

const SCREENS = 'the DASA, Interpolate and Evaluate screens';
const SHOWN_CHARS = 80;

function described(entry: UnmappedSetting): string {
  const text = JSON.stringify(entry.value) ?? String(entry.value);
  return `${entry.path} = ${text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text} (${entry.reason})`;
}

function sameGrades(page: ReadonlyMap<string, unknown>, run: Record<string, unknown>): boolean {
  return page.size === Object.keys(run).length && Object.entries(run).every(([id, grade]) => page.get(id) === grade);
}

/** One sentence for the import message, or null when the run is not a pipeline run. */
export async function afterPipelineImport(lab: Lab, stored: RunRecord): Promise<string | null> {
  if (stored.kind !== 'pipeline-run' || typeof stored.datasetId !== 'string') return null;
  const run = stored as unknown as PipelineRunRecord;
  const state = lab.state;
  const named = `"${run.datasetName}" (${run.datasetId})`;
  const dataset = (await lab.handle.engine.listDatasets()).find((entry) => entry.info.id === run.datasetId);
  if (!dataset) return `Its dataset ${named} is not stored in this browser: import or generate it to see the run's results on ${SCREENS}.`;
  localStorage.setItem(SELECTED_DATASET_KEY, dataset.info.id);
  if (state.dataset?.info.id !== dataset.info.id) state.update({ dataset });
  if (state.values['model.preset'] !== run.request.preset) state.setValue('model.preset', run.request.preset);
  if (state.values['model.seed'] !== run.request.seed) state.setValue('model.seed', run.request.seed);
  const budget = run.request.budget ?? 'full';
  if (state.values['model.budget'] !== budget) state.setValue('model.budget', budget);
  const { values, unmapped } = pageSettingsFrom(run.request.settings ?? {}, SETTINGS_TABLE);
  for (const [key, value] of Object.entries(values)) if (state.values[key] !== value) state.setValue(key, value);
  const session = lab.pipeline;
  await session.refresh(true);

  // The grades are not a page setting: the session takes them from this run when the DASA selection
  // loads and this browser holds no grades of its own for it. Named only when the page's differ.
  const annotator = run.request.settings?.annotate?.annotator;
  const runGrades = annotator?.kind === 'manual' && annotator.grades ? (annotator.grades as Record<string, unknown>) : null;
  const left = unmapped.filter((entry) => entry.path !== GRADES_PATH || !runGrades || !sameGrades(session.grades(), runGrades));
  if (run.request.variant) left.push({ path: 'variant', value: run.request.variant, reason: "a variant of these settings: its row is in the Evaluate screen's variants table" });

  if (left.length === 0) return `The run's settings were applied to the page. Its results show on ${SCREENS} for dataset ${named}.`;
  const which = left.length === 1 ? 'one setting' : `${left.length} settings`;
  return `The run's settings were applied to the page, except ${which} no page setting can express: ${left.map(described).join('; ')}. So ${SCREENS} show what is stored for the page's settings on dataset ${named}, which may not be the run's results.`;
}
