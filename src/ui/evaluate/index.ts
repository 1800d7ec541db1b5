// The Interpolate and Evaluate stages' views. Importing this defines their elements:
//   <lab-alpha-sweep>            validation metric against alpha, chosen alpha marked
//   <lab-variants-table>         every variant, mean ± std over seeds, best per column
//   <lab-confusion-matrix>       gold against predicted grades
//   <lab-reliability-diagram>    calibration per confidence bin, with ECE
//   <lab-class-f1>               F1 per grade
//   <lab-ood-detection-table>    AUROC and FPR@95TPR per detector
export { AlphaSweepChart, type SweepPoint } from './alpha-sweep-chart';
export { ClassF1Chart, type ClassScoreSeries } from './class-f1-chart';
export { ConfusionMatrixView } from './confusion-matrix';
export { OodDetectionTable, SIGN_NOTE, type DetectorReport } from './ood-detection-table';
export { ReliabilityDiagram } from './reliability-diagram';
export { DEFAULT_COLUMNS, summariseVariants, type SeedResult, type VariantColumn, type VariantResult } from './variant-summary';
export { VariantsTable } from './variants-table';
