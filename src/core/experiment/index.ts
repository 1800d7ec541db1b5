// Experiments: every variant for every seed on one run store, and their report.
export { applyOverrides, mergeOverrides, type DeepPartial, type SettingsOverrides } from './overrides';
export { mergeReports, ReportMergeError } from './merge-reports';
export { predictionPath, predictionsToJsonl } from './predictions';
export { REPORT_FORMAT, REPORT_VERSION, SUMMARY_METRICS, type ExperimentReport, type VariantSeedResult, type VariantSummary } from './report';
export { formatStat, reportMarkdown } from './report-md';
export { experimentSettings, runExperiment, type ExperimentConfig, type ExperimentOptions, type ExperimentOutcome, type RunContext } from './run-experiment';
export { seedStat, type SeedStat } from './stats';
export { ALL_VARIANTS, CONTROL_VARIANTS, isVariant, parseVariants, VARIANT_DESCRIPTIONS, VARIANTS, variantSettings, type Variant } from './variants';
