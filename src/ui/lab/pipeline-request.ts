// From the page's settings to the engine's pipeline request, generated from the settings table
// (src/core/pipeline/settings-table.ts). Pure: no DOM, no engine.
//
// The pipeline starts from the preset's defaults (src/core/pipeline/defaults.ts, in the engine). A
// stage setting the person changed (a value other than its shown default, which is the `small`
// preset's recipe) is laid over them; one left at its default keeps the preset's own value, so
// nano runs nano's short stages. The page shows the settings the engine resolved.
import type { Grade } from '../../core/data/schema';
import { PAGE_STAGES, PIPELINE_STAGES, stageOfProgress, type PageStage, type ProgressStage } from '../../core/job/stages';
import type { PipelineRequest, PipelineStage, SettingsOverrides } from '../../engine/pipeline-types';
import type { GptPresetName } from '../../core/model/gpt';
import type { PipelineBudget } from '../../core/pipeline/budgets';
import { codecOf, SETTING_STAGES, type SettingRow } from '../../core/pipeline/settings-table';
import { setPath, settingReader, type SettingReader } from '../../core/pipeline/settings-values';
import type { SettingValues } from '../settings/spec';

export interface RequestInputs {
  values: SettingValues;
  /** Every setting of the lab: the settings table (their defaults decide what counts as changed). */
  rows: readonly SettingRow[];
  datasetId: string;
  /** The person's grades of the DASA selection, used when the annotator setting is "person". */
  manualGrades: ReadonlyMap<string, Grade>;
}

/** Where a manual annotator's grades go: the DASA screen keeps them, no page setting (the one part of the request not in the table). */
export const MANUAL_GRADES_PATH = ['annotate', 'annotator', 'grades'] as const;

/** Whether a pipeline-bound setting is sent: its gate holds, and it changed or its gate did. */
function isSent(row: SettingRow, reader: SettingReader): boolean {
  const gate = row.pipeline?.when;
  if (!gate) return reader.changed(row.key);
  if (reader.value(gate.id) !== gate.is) return false;
  return reader.changed(row.key) || reader.changed(gate.id);
}

/** The settings the person changed, in the shape of PipelineSettings. */
export function pipelineOverrides(inputs: Omit<RequestInputs, 'datasetId'>): SettingsOverrides {
  const reader = settingReader(inputs.values, inputs.rows);
  const out: Record<string, unknown> = {};
  for (const row of inputs.rows) {
    if (!row.pipeline || !isSent(row, reader)) continue;
    const setting = codecOf(row.pipeline).encode(reader.value(row.key));
    if (setting !== undefined) setPath(out, row.pipeline.path, setting);
  }
  const annotator = (out.annotate as { annotator?: { kind: string } } | undefined)?.annotator;
  if (annotator?.kind === 'manual') setPath(out, MANUAL_GRADES_PATH, Object.fromEntries(inputs.manualGrades));
  return out as SettingsOverrides;
}

export function pipelineRequest(inputs: RequestInputs): PipelineRequest {
  const reader = settingReader(inputs.values, inputs.rows);
  const field = (name: NonNullable<SettingRow['request']>) => reader.value(inputs.rows.find((row) => row.request === name)!.key);
  return {
    datasetId: inputs.datasetId,
    preset: field('preset') as GptPresetName,
    seed: field('seed') as number,
    budget: field('budget') as PipelineBudget,
    settings: pipelineOverrides(inputs),
  };
}

/** The stages whose settings "Run all with defaults" looks at. */
/** The stages whose settings are the pipeline's (their rows are sent as overrides). */
const PIPELINE_SETTING_STAGES: readonly SettingRow['stage'][] = SETTING_STAGES.filter((stage) => (PIPELINE_STAGES as readonly string[]).includes(stage));

/** The pipeline stage settings that differ from their defaults (what "Run all with defaults" means); who annotates is not one. */
export function changedPipelineSettings(values: SettingValues, rows: readonly SettingRow[]): string[] {
  return rows
    .filter((row) => PIPELINE_SETTING_STAGES.includes(row.stage) && row.key !== 'dasa.annotator')
    .filter((row) => values[row.key] !== undefined && values[row.key] !== row.default)
    .map((row) => row.key);
}

/** The pipeline stage a progress event belongs to (`data` for generating or storing a dataset). */
export function progressStage(name: ProgressStage): PipelineStage | 'data' | null {
  const stage = stageOfProgress(name);
  if (stage === 'data') return 'data';
  return stage !== null && (PIPELINE_STAGES as readonly string[]).includes(stage) ? (stage as PipelineStage) : null;
}

/** What Run all goes through, in order: the page's stage names. */
type RunAllStep = 'data' | Extract<PageStage, PipelineStage>;
export const RUN_ALL_STEPS: readonly RunAllStep[] = PAGE_STAGES.filter((stage): stage is RunAllStep => stage === 'data' || (PIPELINE_STAGES as readonly string[]).includes(stage));
