// Groups queries by the words they share: each query becomes a hashed bag of words (unit length),
// and a seeded spherical k-means (k-means++ start) puts similar queries in one cluster.
import { hashString, type Rng } from '../../random';

export const HASH_DIMENSIONS = 4096;

export interface SparseVector {
  indices: number[];
  values: number[];
}

export function queryTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Token counts hashed into HASH_DIMENSIONS buckets, scaled to unit length. */
export function hashedBagOfWords(text: string): SparseVector {
  const counts = new Map<number, number>();
  for (const token of queryTokens(text)) {
    const bucket = hashString(token) % HASH_DIMENSIONS;
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  const indices = [...counts.keys()].sort((a, b) => a - b);
  const values = indices.map((i) => counts.get(i)!);
  const norm = Math.hypot(...values) || 1;
  return { indices, values: values.map((v) => v / norm) };
}

function dot(vector: SparseVector, centroid: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < vector.indices.length; k++) sum += vector.values[k] * centroid[vector.indices[k]];
  return sum;
}

function centroidOf(vectors: readonly SparseVector[], members: readonly number[]): Float64Array {
  const centroid = new Float64Array(HASH_DIMENSIONS);
  for (const m of members) {
    const v = vectors[m];
    for (let k = 0; k < v.indices.length; k++) centroid[v.indices[k]] += v.values[k];
  }
  let norm = 0;
  for (const x of centroid) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < centroid.length; i++) centroid[i] /= norm;
  return centroid;
}

/** Cluster of each query text (same order), from 0 to k-1. Deterministic for a given rng state. */
export function clusterQueries(texts: readonly string[], k: number, rng: Rng, maxIterations = 30): number[] {
  const n = texts.length;
  const clusters = Math.max(1, Math.min(k, n));
  const vectors = texts.map(hashedBagOfWords);
  // k-means++ start: each next centre is drawn with weight 1 - (best similarity so far).
  const centres: Float64Array[] = [centroidOf(vectors, [rng.int(n)])];
  const best = vectors.map((v) => dot(v, centres[0]));
  while (centres.length < clusters) {
    const weights = best.map((s) => Math.max(0, 1 - s));
    const total = weights.reduce((a, b) => a + b, 0);
    let pick = 0;
    if (total > 0) {
      let r = rng.next() * total;
      while (pick < n - 1 && r >= weights[pick]) r -= weights[pick++];
    } else pick = rng.int(n);
    const centre = centroidOf(vectors, [pick]);
    centres.push(centre);
    vectors.forEach((v, i) => (best[i] = Math.max(best[i], dot(v, centre))));
  }
  let assignment = new Array<number>(n).fill(-1);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const next = vectors.map((v) => {
      let chosen = 0;
      let top = -Infinity;
      centres.forEach((centre, c) => {
        const s = dot(v, centre);
        if (s > top) [top, chosen] = [s, c];
      });
      return chosen;
    });
    const changed = next.some((c, i) => c !== assignment[i]);
    assignment = next;
    if (!changed) break;
    for (let c = 0; c < centres.length; c++) {
      const members = assignment.flatMap((a, i) => (a === c ? [i] : []));
      if (members.length > 0) centres[c] = centroidOf(vectors, members);
    }
  }
  return assignment;
}
