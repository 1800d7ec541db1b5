// The pipeline's stored evaluation as a download, written in the engine worker: the predictions
// joined with their test examples' text, or the report, as CSV or JSON (pipeline/evaluation-export.ts).
import type { DatasetInfo, Example } from '../core/data/schema';
import type { StageRun } from '../core/pipeline/stage';
import { predictionRows, predictionsCsv, predictionsJson, reportCsv, reportJson, type EvaluationAbout } from '../core/pipeline/evaluation-export';
import type { EvaluateRecord } from '../core/pipeline/stages/evaluate';
import type { DownloadFile } from './download-file';
import { InvalidOptionError } from './errors';
import type { LoadedPipelineData } from './pipeline-data';
import type { EvaluationFile, EvaluationFormat } from './pipeline-types';

const FILES: readonly EvaluationFile[] = ['predictions', 'report'];
const FORMATS: readonly EvaluationFormat[] = ['csv', 'json'];

export function checkEvaluationFile(file: unknown, format: unknown): void {
  if (!FILES.includes(file as EvaluationFile)) throw new InvalidOptionError(`file must be ${FILES.join(' or ')}; got ${String(file)}.`, { option: 'file' });
  if (!FORMATS.includes(format as EvaluationFormat)) throw new InvalidOptionError(`format must be ${FORMATS.join(' or ')}; got ${String(format)}.`, { option: 'format' });
}

/** A file name part from free text: letters, digits, dot, dash and underscore. */
const slug = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'run';

export function evaluationDownload(
  evaluate: StageRun<EvaluateRecord>, loaded: LoadedPipelineData, info: DatasetInfo, variant: string, file: EvaluationFile, format: EvaluationFormat,
): DownloadFile {
  const { predictions, ...report } = evaluate.record;
  const about: EvaluationAbout = { dataset: loaded.datasetName, datasetId: loaded.datasetId, variant, stageKey: evaluate.key, finishedAt: evaluate.finishedAt };
  let text: string;
  if (file === 'report') text = format === 'csv' ? reportCsv(report, about) : reportJson(report, about);
  else {
    const examples = new Map<string, Example>([...loaded.data.test_id, ...loaded.data.test_ood].map((example) => [example.id, example]));
    const rows = predictionRows(predictions, examples);
    text = format === 'csv' ? predictionsCsv(rows, info.labelNames) : predictionsJson(rows, about);
  }
  return { fileName: `evaluation-${slug(variant)}-${slug(loaded.datasetId)}-${file}.${format}`, bytes: new TextEncoder().encode(text) };
}
