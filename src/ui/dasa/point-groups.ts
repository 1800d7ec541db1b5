// How the DASA picture's points are coloured: by split (ID train, pool, DASA's selection), by grade
// (ID train's gold grades; a pool sample's only once annotated, else "not graded"), or by shift tag
// (a point with several tags counts under their combination; the rarest beyond eight go to "other").
import type { DasaPoint, DasaPoints } from '../../engine/pipeline-types';
import { SET_COLOURS } from '../palette';

export type ColourBy = 'split' | 'grade' | 'tag';

export interface PointGroup {
  label: string;
  colour: string;
  /** Indices into the ID points and the pool points. */
  id: number[];
  pool: number[];
  /** Drawn larger and on top (the selection). */
  emphasis?: boolean;
}

const GRADE_COLOURS = ['#9aa3b2', '#e0a526', '#2456c8'];
const NOT_GRADED = '#c9ced8';
const TAG_COLOURS = ['#2456c8', '#d9480f', '#1f7a4a', '#8e44ad', '#e0a526', '#0f8b8d', '#b3261e', '#6f4e37'];
const MAX_TAG_GROUPS = TAG_COLOURS.length;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function bySplit(idCount: number, poolIds: readonly string[], selected: ReadonlySet<string>): PointGroup[] {
  const pool = range(poolIds.length);
  return [
    { label: 'ID train', colour: SET_COLOURS.id, id: range(idCount), pool: [] },
    { label: 'Pool, not selected', colour: SET_COLOURS.pool, id: [], pool: pool.filter((i) => !selected.has(poolIds[i])) },
    { label: 'Selected by DASA', colour: SET_COLOURS.ood, id: [], pool: pool.filter((i) => selected.has(poolIds[i])), emphasis: true },
  ];
}

function byGrade(points: DasaPoints, labelNames: readonly string[]): PointGroup[] {
  const groups: PointGroup[] = [0, 1, 2].map((grade) => ({ label: `${grade} ${labelNames[grade] ?? ''}`.trim(), colour: GRADE_COLOURS[grade], id: [], pool: [] }));
  const hidden: PointGroup = { label: 'Pool, not graded (hidden)', colour: NOT_GRADED, id: [], pool: [] };
  const place = (point: DasaPoint, index: number, side: 'id' | 'pool') => (point.grade === null ? hidden : groups[point.grade])[side].push(index);
  points.id.forEach((point, i) => place(point, i, 'id'));
  points.pool.forEach((point, i) => place(point, i, 'pool'));
  return [...groups, hidden];
}

const tagKey = (point: DasaPoint) => (point.tags.length === 0 ? 'no shift tag' : [...point.tags].sort().join(' + '));

function byTag(points: DasaPoints): PointGroup[] {
  const counts = new Map<string, number>();
  for (const point of [...points.id, ...points.pool]) counts.set(tagKey(point), (counts.get(tagKey(point)) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key]) => key);
  const kept = ranked.length > MAX_TAG_GROUPS ? ranked.slice(0, MAX_TAG_GROUPS - 1) : ranked;
  const groups = new Map<string, PointGroup>(kept.map((key, i) => [key, { label: key, colour: key === 'no shift tag' ? SET_COLOURS.pool : TAG_COLOURS[i], id: [], pool: [] }]));
  const other: PointGroup = { label: 'other tags', colour: '#444b59', id: [], pool: [] };
  points.id.forEach((point, i) => (groups.get(tagKey(point)) ?? other).id.push(i));
  points.pool.forEach((point, i) => (groups.get(tagKey(point)) ?? other).pool.push(i));
  return [...groups.values(), ...(other.id.length + other.pool.length > 0 ? [other] : [])];
}

/** The groups to draw, in legend order; grade and tag need the points' details (else by split). */
export function pointGroups(colourBy: ColourBy, idCount: number, poolIds: readonly string[], selected: readonly string[], points: DasaPoints | null, labelNames: readonly string[]): PointGroup[] {
  if (colourBy === 'grade' && points) return byGrade(points, labelNames);
  if (colourBy === 'tag' && points) return byTag(points);
  return bySplit(idCount, poolIds, new Set(selected));
}
