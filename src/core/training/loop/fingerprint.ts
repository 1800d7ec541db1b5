// A short fingerprint of a stage's data, so a checkpoint is never resumed on other data.
import { hashString } from '../../random';

export function dataFingerprint(sequences: readonly Int32Array[], labels: Int32Array | null | undefined): string {
  // FNV-1a over lengths, ids and labels, folded into 32 bits.
  let hash = 0x811c9dc5;
  const mix = (value: number) => {
    hash ^= value & 0xffff;
    hash = Math.imul(hash, 0x01000193);
    hash ^= value >>> 16;
    hash = Math.imul(hash, 0x01000193);
  };
  let tokens = 0;
  for (const sequence of sequences) {
    mix(sequence.length);
    for (let i = 0; i < sequence.length; i++) mix(sequence[i]);
    tokens += sequence.length;
  }
  if (labels) for (let i = 0; i < labels.length; i++) mix(labels[i]);
  return `${sequences.length}x${tokens}:${(hash >>> 0).toString(16)}${labels ? 'L' : ''}`;
}

/** The dropout seed of one step of a stage: a function of (seed, step) only. */
export function stepSeed(seed: number, step: number): number {
  return hashString(`dropout/${seed}/${step}`);
}
