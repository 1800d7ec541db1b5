// Content keys of stage outputs. A stage's key is a hash of its name, its settings and the keys
// of what it consumed, so the same work always gets the same key: a stored output is reused
// when nothing upstream changed, and any change gives a new key for that stage and all after it.
import type { ModelCheckpoint } from '../checkpoint/types';
import { isHeadParam } from '../model/gpt';

/** Bump when a stage's output format or meaning changes: old stored outputs are then not reused. */
export const PIPELINE_FORMAT_VERSION = 1;

/** JSON with object keys sorted, so equal values give equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner && typeof inner === 'object' && !Array.isArray(inner) && !ArrayBuffer.isView(inner)) {
      const record = inner as Record<string, unknown>;
      return Object.fromEntries(Object.keys(record).sort().map((k) => [k, record[k]]));
    }
    return inner;
  });
}

/** 64 bits from two FNV-1a passes with different offsets, as 16 hex digits. */
class Hasher {
  #a = 0x811c9dc5;
  #b = 0x01000193 ^ 0x9e3779b9;

  word(value: number): this {
    for (let shift = 0; shift < 32; shift += 16) {
      const part = (value >>> shift) & 0xffff;
      this.#a = Math.imul(this.#a ^ part, 0x01000193);
      this.#b = Math.imul(this.#b ^ part, 0x01000193) ^ (this.#b >>> 13);
    }
    return this;
  }

  text(value: string): this {
    this.word(value.length);
    for (let i = 0; i < value.length; i++) this.word(value.charCodeAt(i));
    return this;
  }

  hex(): string {
    return (this.#a >>> 0).toString(16).padStart(8, '0') + (this.#b >>> 0).toString(16).padStart(8, '0');
  }
}

export function hashText(text: string): string {
  return new Hasher().text(text).hex();
}

/** The key of a stage run: its name, the format version, its settings and its inputs' keys. */
export function stageKey(stage: string, settings: unknown, inputKeys: readonly string[]): string {
  return hashText(canonicalJson({ stage, version: PIPELINE_FORMAT_VERSION, settings, inputs: inputKeys }));
}

/**
 * A fingerprint of what the model computes: config, tokenizer and every weight. With
 * `backboneOnly`, the classifier head is left out: a probe and its starting point then share it,
 * so stages that read pooled features only (DASA) are shared between them.
 */
export function modelFingerprint(checkpoint: ModelCheckpoint, backboneOnly = false): string {
  const hasher = new Hasher().text(canonicalJson(checkpoint.config)).text(checkpoint.tokenizer ?? '');
  for (const tensor of checkpoint.weights) {
    if (backboneOnly && isHeadParam(tensor.name)) continue;
    hasher.text(tensor.name);
    const bits = new Uint32Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.length);
    for (let i = 0; i < bits.length; i++) hasher.word(bits[i]);
  }
  return hasher.hex();
}

export const backboneFingerprint = (checkpoint: ModelCheckpoint) => modelFingerprint(checkpoint, true);
