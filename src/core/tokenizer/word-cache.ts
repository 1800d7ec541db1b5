// A bounded cache of piece -> token ids. Product-search text repeats the same words constantly,
// so most pieces skip BPE entirely. Two generations approximate least-recently-used eviction:
// when the young map fills, the old one is dropped whole and the young one becomes old; a hit in
// the old map moves the entry back to the young one. (Deleting single Map entries to keep exact
// LRU order is pathologically slow in V8: about 10x slower than the whole encoder.)

export class WordCache {
  private young = new Map<string, readonly number[]>();
  private old = new Map<string, readonly number[]>();
  private readonly generationSize: number;

  /** At most `capacity` entries are held. */
  constructor(readonly capacity: number) {
    this.generationSize = Math.floor(capacity / 2);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  get(word: string): readonly number[] | undefined {
    const ids = this.young.get(word);
    if (ids !== undefined) return ids;
    const aged = this.old.get(word);
    if (aged !== undefined) this.set(word, aged);
    return aged;
  }

  set(word: string, ids: readonly number[]): void {
    if (this.generationSize <= 0) return;
    if (this.young.size >= this.generationSize) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(word, ids);
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }
}
