import 'fake-indexeddb/auto';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLabStore } from '../storage';
import { InvalidOptionError } from './errors';
import { dasaPoints } from './pipeline-dasa-points';
import { createLabEngine } from './lab-engine';
import { nodeEngineHost } from './node-engine';
import type { PipelineRequest, PipelineResults } from './pipeline-types';
import type { LabEngine } from './types';

const TINY = { seed: 6, sizes: { train: 64, val: 24, test_id: 20, test_ood: 20, pool: 40 } };
const SHORT = {
  pretrain: { length: { steps: 4 }, checkpointEvery: 2 },
  probe: { length: { epochs: 1 } },
  finetune: { length: { steps: 4 }, checkpointEvery: 2 },
  interpolate: { alphas: [0, 1] },
};

let engine: LabEngine;
let request: PipelineRequest;
let results: PipelineResults;
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

beforeAll(async () => {
  engine = createLabEngine({ ...nodeEngineHost, openStore: () => openLabStore('pipeline-export', { estimate: null }) });
  await engine.init({ backend: 'wasm' });
  const datasetId = (await engine.generateDataset(TINY)).info.id;
  request = { datasetId, preset: 'nano', seed: 2, settings: SHORT };
  await expect(engine.exportPipelineEvaluation(request, 'report', 'json')).rejects.toThrow(/No evaluation is stored for these settings/);
  expect(await engine.pipelineDasaPoints(request)).toBeNull();
  results = await engine.runPipelineAll(request);
}, 120_000);

describe('exportPipelineEvaluation', () => {
  it('writes every test prediction with its text, gold and predicted grade, as CSV and as JSON', async () => {
    const csv = await engine.exportPipelineEvaluation(request, 'predictions', 'csv');
    expect(csv.fileName).toBe(`evaluation-${results.evaluation!.variant}-${request.datasetId}-predictions.csv`);
    const rows = Papa.parse<Record<string, string>>(text(csv.bytes).trimEnd(), { header: true }).data;
    expect(rows).toHaveLength(40);
    expect(rows.filter((row) => row.split === 'test_ood')).toHaveLength(20);
    expect(rows.every((row) => row.query !== '' && row.title !== '')).toBe(true);
    // The accuracy of the rows is the stored metric's.
    const correct = rows.filter((row) => row.split === 'test_id' && row.correct === 'true').length;
    expect(correct / 20).toBeCloseTo(results.evaluation!.record.test_id.accuracy, 10);
    const json = JSON.parse(text((await engine.exportPipelineEvaluation(request, 'predictions', 'json')).bytes));
    expect(json.about).toMatchObject({ datasetId: request.datasetId, variant: results.evaluation!.variant, stageKey: results.evaluation!.stage.key });
    expect(json.predictions.map((row: { id: string }) => row.id)).toEqual(rows.map((row) => row.id));
  });

  it('writes the report as JSON (the page\'s record) and as a CSV of metric paths', async () => {
    const json = JSON.parse(text((await engine.exportPipelineEvaluation(request, 'report', 'json')).bytes));
    const { about, ...record } = json;
    expect(about.dataset).toBe(results.status.datasetName);
    expect(record).toEqual(JSON.parse(JSON.stringify(results.evaluation!.record)));
    const lines = Papa.parse<string[]>(text((await engine.exportPipelineEvaluation(request, 'report', 'csv')).bytes).trimEnd()).data;
    const metric = new Map(lines.slice(1).map(([name, value]) => [name, value]));
    expect(Number(metric.get('test_ood.macro_f1'))).toBe(results.evaluation!.record.test_ood.macro_f1);
    expect(Number(metric.get('ood.knn.auroc'))).toBe(results.evaluation!.record.ood.knn.auroc);
  });

  it('refuses an unknown file or format by name', async () => {
    await expect(engine.exportPipelineEvaluation(request, 'weights' as never, 'csv')).rejects.toThrow(InvalidOptionError);
    await expect(engine.exportPipelineEvaluation(request, 'report', 'xml' as never)).rejects.toThrow('format must be csv or json; got xml.');
  });
});

describe('pipelineDasaPoints', () => {
  it('gives every point of the picture its text and tags; ID grades, and pool grades only where the annotator graded', async () => {
    const points = (await engine.pipelineDasaPoints(request))!;
    const projection = results.dasa!.projection!;
    expect(points.id.map((point) => point.id)).toEqual(projection.idIds);
    expect(points.id).toHaveLength(projection.idPoints.length / 2);
    expect(points.pool.map((point) => point.id)).toEqual(projection.poolIds);
    expect(points.id.every((point) => point.grade !== null && point.query !== '')).toBe(true);
    const graded = results.dasa!.annotation!.record.grades;
    for (const point of points.pool) expect(point.grade).toBe(graded[point.id] ?? null);
    expect(points.pool.some((point) => point.grade === null)).toBe(true);
    expect(points.pool.some((point) => point.tags.length > 0)).toBe(true);
  });

  it('gives nothing for a picture stored without the ID rows\' ids (its ID points cannot be told apart)', () => {
    const { idIds: _idIds, ...older } = results.dasa!.projection!;
    expect(dasaPoints(older, { train: [], pool: [] } as never, null)).toBeNull();
  });
});
