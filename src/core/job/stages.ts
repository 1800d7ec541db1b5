// The lab's stages in one table: the page's steps, the pipeline's stored stages, the training stages,
// and the finer steps that progress events name. Every other stage list is derived from here.

/** Every stage, in the order the method runs them (the page's stepper order). */
export const STAGE_TABLE = [
  { id: 'data', page: true, pipeline: false, training: false },
  { id: 'model', page: true, pipeline: false, training: false },
  { id: 'pretrain', page: true, pipeline: true, training: true },
  { id: 'probe', page: true, pipeline: true, training: true },
  { id: 'dasa', page: true, pipeline: true, training: false },
  // Picking the pool samples at random (the DASA control) and labelling the picks: stored stages shown on the DASA page.
  { id: 'random-select', page: false, pipeline: true, training: false },
  // The selection baselines (uncertainty, core-set, random among OOD-tagged) at DASA's count; command line only.
  { id: 'baseline-select', page: false, pipeline: true, training: false },
  { id: 'annotate', page: false, pipeline: true, training: false },
  { id: 'finetune', page: true, pipeline: true, training: true },
  { id: 'interpolate', page: true, pipeline: true, training: false },
  { id: 'evaluate', page: true, pipeline: true, training: false },
  { id: 'playground', page: true, pipeline: false, training: false },
  { id: 'runs', page: true, pipeline: false, training: false },
] as const;

type StageRow = (typeof STAGE_TABLE)[number];
export type StageId = StageRow['id'];
/** A step of the page's stepper. */
export type PageStage = Extract<StageRow, { page: true }>['id'];
/** A stage the pipeline stores in its run store (and may find there instead of computing it). */
export type PipelineStage = Extract<StageRow, { pipeline: true }>['id'];
/** A stage that trains the model: pretrain (causal LM), probe (head only), finetune (everything). */
export type TrainingStage = Extract<StageRow, { training: true }>['id'];

export const PAGE_STAGES = STAGE_TABLE.filter((row) => row.page).map((row) => row.id) as readonly PageStage[];
export const PIPELINE_STAGES = STAGE_TABLE.filter((row) => row.pipeline).map((row) => row.id) as readonly PipelineStage[];
export const TRAINING_STAGES = STAGE_TABLE.filter((row) => row.training).map((row) => row.id) as readonly TrainingStage[];

/**
 * What a progress event may name besides a stage: a step inside one. `stage` is the stage it belongs
 * to (null for jobs outside the stages); `words` is how the page says it (none: the id itself).
 */
export const PROGRESS_STEPS = {
  generate: { stage: 'data', words: 'Generating' },
  store: { stage: 'data', words: 'Storing in the browser' },
  // Reading files: a dataset import (data) or a file to score (playground).
  read: { stage: null, words: 'Reading files' },
  tokenizer: { stage: 'model', words: null },
  'probe-features': { stage: 'probe', words: 'Probe: features of ID train' },
  'dasa-features': { stage: 'dasa', words: 'DASA: features of ID train, ID val and the pool' },
  'playground-features': { stage: 'playground', words: 'ID train and val features' },
  score: { stage: 'playground', words: null },
  'fit-demo': { stage: null, words: null },
} as const satisfies Record<string, { stage: StageId | null; words: string | null }>;

export type ProgressStepId = keyof typeof PROGRESS_STEPS;
/** What JobProgress.stage holds: a stage, or a finer step of one. */
export type ProgressStage = StageId | ProgressStepId;

/** The words for what a progress event is doing (interpolate and evaluate have their own sentences). */
const STAGE_WORDS: Partial<Record<StageId, string>> = {
  interpolate: 'Interpolate: scoring each alpha',
  evaluate: 'Evaluate: scoring the test splits',
};

export function progressWords(stage: ProgressStage): string {
  const step = (PROGRESS_STEPS as Record<string, { words: string | null }>)[stage];
  return step?.words ?? STAGE_WORDS[stage as StageId] ?? stage;
}

/** The stage a progress event belongs to (a step's stage, or the stage itself). */
export function stageOfProgress(stage: ProgressStage): StageId | null {
  const step = (PROGRESS_STEPS as Record<string, { stage: StageId | null }>)[stage];
  return step ? step.stage : stage as StageId;
}

export function isStage(name: string): name is StageId {
  return STAGE_TABLE.some((row) => row.id === name);
}
