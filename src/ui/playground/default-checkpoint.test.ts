import { describe, expect, it } from 'vitest';
import type { ModelCheckpointSummary } from '../../engine/model-types';
import { defaultPlaygroundCheckpoint, isInterpolated, scorableCheckpoints } from './default-checkpoint';

type Entry = Pick<ModelCheckpointSummary, 'id' | 'name' | 'stage' | 'state' | 'createdAt'>;
const at = (minute: number) => `2025-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
const entry = (id: string, stage: Entry['stage'], minute: number, state: Entry['state'] = 'finished', name = id): Entry => ({ id, name, stage, state, createdAt: at(minute) });

describe('the playground default checkpoint', () => {
  it('prefers the newest finished fine-tune or interpolated model', () => {
    const list = [entry('pre', 'pretrain', 9), entry('lp', 'probe', 8), entry('ft-old', 'finetune', 1), entry('wi', null, 3, 'finished', 'Interpolated alpha 0.6'), entry('ft-new', 'finetune', 7, 'unfinished')];
    expect(defaultPlaygroundCheckpoint(list)).toBe('wi');
    expect(defaultPlaygroundCheckpoint([...list, entry('ft', 'finetune', 5)])).toBe('ft');
  });

  it('falls back to a probe, then anything finished, then anything not training', () => {
    expect(defaultPlaygroundCheckpoint([entry('pre', 'pretrain', 9), entry('lp', 'probe', 2)])).toBe('lp');
    expect(defaultPlaygroundCheckpoint([entry('pre', 'pretrain', 9), entry('weights', null, 3)])).toBe('pre');
    expect(defaultPlaygroundCheckpoint([entry('busy', 'finetune', 9, 'running'), entry('half', 'probe', 1, 'unfinished')])).toBe('half');
    expect(defaultPlaygroundCheckpoint([entry('busy', 'finetune', 9, 'running')])).toBeNull();
    expect(defaultPlaygroundCheckpoint([])).toBeNull();
  });

  it('tells interpolated weights by their missing stage and their name, and lists the scorable newest first', () => {
    expect(isInterpolated(entry('interpolate-x', null, 1))).toBe(true);
    expect(isInterpolated(entry('interpolate-x', 'finetune', 1))).toBe(false);
    expect(isInterpolated(entry('imported', null, 1))).toBe(false);
    expect(scorableCheckpoints([entry('a', 'probe', 1), entry('b', 'probe', 3, 'running'), entry('c', 'probe', 2)]).map((e) => e.id)).toEqual(['c', 'a']);
  });
});
