import { describe, expect, it } from 'vitest';
import { LabState } from './lab-state';

describe('the page state', () => {
  it('tells its watchers of every change until they stop watching', () => {
    const state = new LabState('data', {});
    let changes = 0;
    const stop = state.watch(() => (changes += 1));
    state.goTo('model');
    state.setValue('model.seed', 2);
    stop();
    state.goTo('data');
    expect(changes).toBe(2);
  });

  it('sets a stage line only when it says something new', () => {
    const state = new LabState('data', {});
    let changes = 0;
    state.watch(() => (changes += 1));
    state.showStatus('pretrain', { state: 'not-run', summary: '' });
    expect(changes).toBe(0);
    state.showStatus('pretrain', { state: 'running', summary: 'Training, step 1 of 4' });
    state.showStatus('pretrain', { state: 'running', summary: 'Training, step 1 of 4' });
    expect(changes).toBe(1);
    expect(state.status('pretrain')).toEqual({ state: 'running', summary: 'Training, step 1 of 4' });
  });
});
