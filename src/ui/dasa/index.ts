// The DASA stage's views. Importing this defines their elements:
//   <lab-ood-histogram>        score histogram per detector with a draggable threshold
//   <lab-projection-scatter>   PCA picture of ID, pool and selected samples
//   <lab-selected-samples>     the selection with its scores
//   <lab-annotation-view>      grading the selection from the keyboard
export { AnnotationView, type AnnotationDetail, type RevealGrade } from './annotation-view';
export { OodHistogram, type DetectorScoreSets, type ThresholdDetail } from './ood-histogram';
export { ProjectionScatter } from './projection-scatter';
export type { SampleText } from './sample-text';
export { SelectedSamplesTable } from './selected-table';
