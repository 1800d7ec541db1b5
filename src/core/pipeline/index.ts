// The stage orchestrator: stages, their settings and defaults, run stores, and the DaRL pipeline.
export { pipelineData, sampleExamples, type PipelineData, type PipelineSplits } from './data';
export { defaultPipelineSettings, PIPELINE_BUDGETS, PRESET_BUDGETS, type PipelineBudget } from './defaults';
export { PipelineInputError, RunStoreError } from './errors';
export { backboneFingerprint, canonicalJson, hashText, stageKey } from './keys';
export { MemoryRunStore } from './memory-run-store';
export { runPipeline, runPipelineStages, type PipelineOptions, type PipelineStageRuns } from './pipeline';
export { checkRunStoreName, runStoreSink, type RunStore } from './run-store';
export type * from './settings';
export { findStage, PIPELINE_STAGES, runStage, stageName, type PipelineStage, type StageOutput, type StageResume, type StageRun, type StoredStage } from './stage';
export { annotatedExamples, runAnnotate, type AnnotateRecord } from './stages/annotate';
export { runFinetune, runProbe, type ClassifierRecord } from './stages/classifier';
export { runDasa, type DasaFeatures, type DasaRecord } from './stages/dasa';
export { OOD_DETECTORS, runEvaluate, TEST_SPLITS, type EvaluateRecord, type OodDetector, type TestSplit } from './stages/evaluate';
export { runInterpolate, type InterpolateRecord, type SweepPoint } from './stages/interpolate';
export type { Prediction } from './stages/predict';
export { runPretrain, type PretrainRecord } from './stages/pretrain';
export { runRandomSelect, type RandomSelectRecord } from './stages/random-select';
