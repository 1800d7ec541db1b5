import { describe, expect, it } from 'vitest';
import type { ModelCheckpointSummary } from '../../engine/model-types';
import type { LabHandle } from '../lab-handle';
import { LabState } from './lab-state';
import { pipelineBlocker } from './pipeline-blocker';
import { TrainingSessions } from './training-session';

const handle = {} as LabHandle; // these checks never reach the engine

function unfinished(stage: 'pretrain' | 'probe' | 'finetune'): ModelCheckpointSummary {
  return { stage, state: 'unfinished', runStatus: 'stopped', step: 3, totalSteps: 8 } as ModelCheckpointSummary;
}

describe("the page's training sessions", () => {
  it('show the pipeline line of a stage until the stage has a checkpoint of its own to resume', () => {
    const state = new LabState('pretrain', {});
    const training = new TrainingSessions(handle, state);
    training.showPipelineStatus((stage) => (stage === 'probe' ? { state: 'done', summary: 'Probe stored' } : null));
    expect(state.status('probe')).toEqual({ state: 'done', summary: 'Probe stored' });
    expect(state.status('pretrain')).toEqual({ state: 'not-run', summary: '' });
    training.of('probe').setLatest(unfinished('probe'));
    expect(state.status('probe')).toEqual({ state: 'paused', summary: 'Stopped at step 3 of 8: resume it' });
  });

  it('let a pipeline job start only with the engine ready, a dataset chosen and no training job running', () => {
    const state = new LabState('data', {});
    const lab = { state, training: new TrainingSessions(handle, state) };
    expect(pipelineBlocker(lab)).toBe('Waiting for the engine…');
    state.update({ engineReady: true });
    expect(pipelineBlocker(lab)).toBe('Choose or make a dataset on the Data stage first.');
    expect(pipelineBlocker(lab, { needsDataset: false })).toBe('');
    expect(lab.training.activeStage()).toBeNull();
  });
});
