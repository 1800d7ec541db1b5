import { describe, expect, it } from 'vitest';
import type { DasaPoint, DasaPoints } from '../../engine/pipeline-types';
import { pointGroups } from './point-groups';

const point = (id: string, grade: DasaPoint['grade'], tags: string[] = []): DasaPoint => ({ id, query: `q ${id}`, title: `t ${id}`, grade, tags });
const POINTS: DasaPoints = {
  id: [point('a', 2), point('b', 0), point('c', 2, ['typos'])],
  pool: [point('p', null, ['unseen_brand']), point('q', 1, ['typos', 'unseen_brand']), point('r', null, ['unseen_brand'])],
};
const NAMES = ['irrelevant', 'weak', 'strong'];
const summary = (groups: ReturnType<typeof pointGroups>) => groups.map((group) => [group.label, group.id, group.pool]);

describe('pointGroups', () => {
  it('by split: ID train, the pool not selected, and the selection on top', () => {
    const groups = pointGroups('split', 3, ['p', 'q', 'r'], ['q'], POINTS, NAMES);
    expect(summary(groups)).toEqual([['ID train', [0, 1, 2], []], ['Pool, not selected', [], [0, 2]], ['Selected by DASA', [], [1]]]);
    expect(groups[2].emphasis).toBe(true);
  });

  it('by grade: gold for ID train, the annotated grade for the pool, the rest not graded', () => {
    expect(summary(pointGroups('grade', 3, ['p', 'q', 'r'], ['q'], POINTS, NAMES))).toEqual([
      ['0 irrelevant', [1], []], ['1 weak', [], [1]], ['2 strong', [0, 2], []], ['Pool, not graded (hidden)', [], [0, 2]],
    ]);
  });

  it('by shift tag: combinations counted together, the commonest first', () => {
    expect(summary(pointGroups('tag', 3, ['p', 'q', 'r'], [], POINTS, NAMES))).toEqual([
      ['no shift tag', [0, 1], []], ['unseen_brand', [], [0, 2]], ['typos', [2], []], ['typos + unseen_brand', [], [1]],
    ]);
  });

  it('puts the rarest tags beyond eight groups under "other", and falls back to split without the details', () => {
    const many: DasaPoints = { id: [], pool: Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 - i }, (_, j) => point(`${i}-${j}`, null, [`tag${i}`]))).flat() };
    const groups = pointGroups('tag', 0, many.pool.map((p) => p.id), [], many, NAMES);
    expect(groups.map((group) => group.label)).toEqual([...Array.from({ length: 7 }, (_, i) => `tag${i}`), 'other tags']);
    expect(groups.at(-1)!.pool).toHaveLength(3 + 2 + 1);
    expect(pointGroups('grade', 3, ['p'], [], null, NAMES).map((group) => group.label)).toEqual(['ID train', 'Pool, not selected', 'Selected by DASA']);
  });
});
