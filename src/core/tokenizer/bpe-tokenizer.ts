// A byte-level BPE tokenizer: text -> UTF-8 bytes per pre-tokenised piece -> merges applied in
// rank order. Contract: decode(encode(s)) === s for every well-formed Unicode string. A lone
// surrogate has no UTF-8 form; it encodes as U+FFFD (as TextEncoder does), so for any JS string
// decode(encode(s)) === s.toWellFormed().
import {
  bytesKey,
  isSpecialEntry,
  pairKey,
  validateDefinition,
  type TokenizerDefinition,
  type TrainingInfo,
} from './definition';
import { bytesToPiece, pieceToBytes } from './byte-alphabet';
import { layoutPair } from './pair-layout';
import { forEachPiece, type PretokenizerName } from './pretokenize';
import { specialTokenIds, type SpecialTokenIds } from './special-tokens';
import { WordCache } from './word-cache';

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8');

export interface TokenizerOptions {
  /** Pieces whose ids are remembered (roughly the least recently used are dropped). Default 100,000. */
  cacheSize?: number;
}

export interface DecodeOptions {
  /** Leave special tokens out instead of writing their names. Default false. */
  skipSpecial?: boolean;
}

export class BpeTokenizer {
  readonly vocabSize: number;
  readonly special: SpecialTokenIds;
  readonly pretokenizer: PretokenizerName;
  readonly training: TrainingInfo | null;

  private readonly definition: TokenizerDefinition;
  /** Bytes of each ordinary token; null at special ids. */
  private readonly tokenBytes: (Uint8Array | null)[];
  private readonly specialNames = new Map<number, string>();
  private readonly specialIdByName = new Map<string, number>();
  private readonly byteIds = new Int32Array(256);
  private readonly idOfBytes = new Map<string, number>();
  private readonly mergeRank = new Map<number, number>();
  private readonly mergeResult: Int32Array;
  private readonly cache: WordCache;

  /** Validates the definition; `source` names its origin in error messages. */
  constructor(definition: TokenizerDefinition, source = 'tokenizer', options: TokenizerOptions = {}) {
    validateDefinition(definition, source);
    this.definition = definition;
    this.vocabSize = definition.vocab.length;
    this.pretokenizer = definition.pretokenizer;
    this.training = definition.training;
    this.tokenBytes = definition.vocab.map((entry, id) => {
      if (isSpecialEntry(entry)) {
        this.specialNames.set(id, entry.special);
        this.specialIdByName.set(entry.special, id);
        return null;
      }
      this.idOfBytes.set(bytesKey(entry), id);
      return entry;
    });
    for (let b = 0; b < 256; b++) this.byteIds[b] = this.idOfBytes.get(String.fromCharCode(b)) as number;
    this.special = specialTokenIds((name) => this.specialIdByName.get(name) as number);
    this.mergeResult = new Int32Array(definition.merges.length);
    definition.merges.forEach(([left, right], rank) => {
      this.mergeRank.set(pairKey(left, right), rank);
      const merged = bytesKey(this.tokenBytes[left] as Uint8Array) + bytesKey(this.tokenBytes[right] as Uint8Array);
      this.mergeResult[rank] = this.idOfBytes.get(merged) as number;
    });
    this.cache = new WordCache(options.cacheSize ?? 100_000);
  }

  /** The validated definition this tokenizer was built from (for serialisation). */
  toDefinition(): TokenizerDefinition {
    return this.definition;
  }

  get mergeCount(): number {
    return this.mergeResult.length;
  }

  /** Token ids of `text`, with no special tokens: they come only from the encoders' structure. */
  encode(text: string): number[] {
    const ids: number[] = [];
    forEachPiece(text, (piece) => {
      for (const id of this.encodePiece(piece)) ids.push(id);
    });
    return ids;
  }

  /** A pretraining document: [BOS] text [EOS]. */
  encodeDocument(text: string): number[] {
    const ids = this.encode(text);
    ids.unshift(this.special.bos);
    ids.push(this.special.eos);
    return ids;
  }

  /**
   * The relevance prompt [BOS] [Q] query [I] item [CLS], at most maxLen ids, always ending in [CLS].
   * An item given as several fields (title, brand, ...) has [SEP] between them. See pair-layout.ts
   * for the truncation rule.
   */
  encodePair(query: string, item: string | readonly string[], maxLen: number): number[] {
    const fields = typeof item === 'string' ? [item] : item;
    return layoutPair(this.encode(query), fields.map((field) => this.encode(field)), maxLen, this.special);
  }

  decode(ids: readonly number[], options: DecodeOptions = {}): string {
    let text = '';
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const flush = () => {
      if (pending.length === 0) return;
      const bytes = new Uint8Array(pendingBytes);
      let at = 0;
      for (const part of pending) {
        bytes.set(part, at);
        at += part.length;
      }
      text += utf8Decoder.decode(bytes);
      pending = [];
      pendingBytes = 0;
    };
    for (const id of ids) {
      const bytes = this.tokenBytes[id];
      if (bytes === undefined) throw new RangeError(`token id ${id} is outside the vocabulary (0..${this.vocabSize - 1})`);
      if (bytes === null) {
        flush();
        if (!options.skipSpecial) text += this.specialNames.get(id);
        continue;
      }
      pending.push(bytes);
      pendingBytes += bytes.length;
    }
    flush();
    return text;
  }

  /** The token's string as tokenizer files show it: GPT-2's byte alphabet ("Ġcar"), or a special's name. */
  idToToken(id: number): string | undefined {
    const bytes = this.tokenBytes[id];
    if (bytes === undefined) return undefined;
    return bytes === null ? this.specialNames.get(id) : bytesToPiece(bytes);
  }

  /** The id of a special token's name, or of a token written in GPT-2's byte alphabet. */
  tokenToId(token: string): number | undefined {
    const special = this.specialIdByName.get(token);
    if (special !== undefined) return special;
    const parsed = pieceToBytes(token);
    return 'bytes' in parsed ? this.idOfBytes.get(bytesKey(parsed.bytes)) : undefined;
  }

  isSpecial(id: number): boolean {
    return this.specialNames.has(id);
  }

  /** The bytes of an ordinary token (null for a special token). */
  tokenBytesOf(id: number): Uint8Array | null {
    const bytes = this.tokenBytes[id];
    if (bytes === undefined) throw new RangeError(`token id ${id} is outside the vocabulary (0..${this.vocabSize - 1})`);
    return bytes;
  }

  private encodePiece(piece: string): readonly number[] {
    const cached = this.cache.get(piece);
    if (cached !== undefined) return cached;
    const ids = this.applyMerges(utf8Encoder.encode(piece));
    this.cache.set(piece, ids);
    return ids;
  }

  /** Applies the lowest-ranked merge present, all its occurrences left to right, until none applies. */
  private applyMerges(bytes: Uint8Array): number[] {
    if (this.definition.ignoreMerges) {
      const whole = this.idOfBytes.get(bytesKey(bytes));
      if (whole !== undefined) return [whole];
    }
    let ids = Array.from(bytes, (b) => this.byteIds[b]);
    while (ids.length > 1) {
      let bestRank = Infinity;
      for (let i = 0; i + 1 < ids.length; i++) {
        const rank = this.mergeRank.get(pairKey(ids[i], ids[i + 1]));
        if (rank !== undefined && rank < bestRank) bestRank = rank;
      }
      if (bestRank === Infinity) break;
      const [left, right] = this.definition.merges[bestRank];
      const result = this.mergeResult[bestRank];
      const merged: number[] = [];
      for (let i = 0; i < ids.length; i++) {
        if (i + 1 < ids.length && ids[i] === left && ids[i + 1] === right) {
          merged.push(result);
          i++;
        } else {
          merged.push(ids[i]);
        }
      }
      ids = merged;
    }
    return ids;
  }
}
