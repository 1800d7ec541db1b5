import { describe, expect, it } from 'vitest';
import { linkedRecordIds, runClosure, runDeletionPlan, topLevelRuns } from './run-links';
import type { RunRecord } from './types';

const stage = (name: string): RunRecord => ({ id: name, kind: 'pipeline-record', checkpointId: name.startsWith('stage/') && !name.includes('evaluate') ? name : undefined, value: {} });
const pipeline = (id: string, recordIds: string[]): RunRecord => ({ id, kind: 'pipeline-run', recordIds, checkpointIds: recordIds.filter((name) => name.startsWith('stage/') && !name.includes('evaluate')) });

// Two pipeline runs that share the pretrain stage (same content key), and a training run apart.
const runs: RunRecord[] = [
  pipeline('pipeline/a', ['stage/pretrain-01', 'stage/finetune-0a', 'view/dasa-pca-0a', 'stage/evaluate-0a']),
  pipeline('pipeline/b', ['stage/pretrain-01', 'stage/finetune-0b']),
  stage('stage/pretrain-01'),
  stage('stage/finetune-0a'),
  stage('view/dasa-pca-0a'),
  stage('stage/evaluate-0a'),
  stage('stage/finetune-0b'),
  stage('stage/probe-ff'),
  { id: 'training/x', kind: 'training-stage', checkpointId: 'stage/finetune-0a' },
];

describe('linked runs', () => {
  it('reads recordIds, or the stage names of a pipeline run written before them, never itself and without repeats', () => {
    expect(linkedRecordIds({ id: 'p', recordIds: ['a', 'p', 'a', '', 4, 'b'] })).toEqual(['a', 'b']);
    expect(linkedRecordIds({ id: 'p', kind: 'pipeline-run', stages: [{ name: 'stage/pretrain-01' }, { stage: 'x' }, null, { name: 'stage/probe-02' }] })).toEqual([
      'stage/pretrain-01',
      'stage/probe-02',
    ]);
    expect(linkedRecordIds({ id: 'training/x', kind: 'training-stage', stages: [{ name: 'y' }] })).toEqual([]);
  });

  it('lists a group once with its members inside it; records no group links stay on their own', () => {
    expect(topLevelRuns(runs).map((run) => run.id)).toEqual(['pipeline/a', 'pipeline/b', 'stage/probe-ff', 'training/x']);
  });

  it('gathers a group with its stored members and every checkpoint, each once, and names the missing members', () => {
    const stored = new Map(runs.filter((run) => run.id !== 'stage/evaluate-0a').map((run) => [run.id, run]));
    const closure = runClosure(runs[0], stored);
    expect(closure.records.map((run) => run.id)).toEqual(['stage/pretrain-01', 'stage/finetune-0a', 'view/dasa-pca-0a']);
    expect(closure.missingRecords).toEqual(['stage/evaluate-0a']);
    expect(closure.checkpointIds).toEqual(['stage/pretrain-01', 'stage/finetune-0a']);
  });

  it('deletes the members and checkpoints no other run links, and keeps shared ones naming who keeps them', () => {
    expect(runDeletionPlan('pipeline/a', runs)).toEqual({
      records: ['stage/finetune-0a', 'view/dasa-pca-0a', 'stage/evaluate-0a'],
      keptRecords: [{ id: 'stage/pretrain-01', by: ['pipeline/b'] }],
      checkpoints: [],
      keptCheckpoints: [
        { id: 'stage/pretrain-01', by: ['pipeline/b'] },
        { id: 'stage/finetune-0a', by: ['training/x'] },
      ],
    });
    const withoutTraining = runs.filter((run) => run.id !== 'training/x');
    expect(runDeletionPlan('pipeline/a', withoutTraining).checkpoints).toEqual(['stage/finetune-0a']);
    // Once pipeline/a is gone, pipeline/b alone holds the shared pretrain stage: it goes with b.
    const afterA = withoutTraining.filter((run) => !['pipeline/a', 'stage/finetune-0a', 'view/dasa-pca-0a', 'stage/evaluate-0a'].includes(run.id));
    expect(runDeletionPlan('pipeline/b', afterA)).toEqual({
      records: ['stage/pretrain-01', 'stage/finetune-0b'],
      keptRecords: [],
      checkpoints: ['stage/pretrain-01', 'stage/finetune-0b'],
      keptCheckpoints: [],
    });
    expect(runDeletionPlan('nothing', runs)).toEqual({ records: [], keptRecords: [], checkpoints: [], keptCheckpoints: [] });
  });
});
