// Reading a file at any offset, for formats whose index sits at the end (Parquet): a browser
// File/Blob through blob.slice(), bytes in memory, or (in the CLI) a Node file handle. Only the
// ranges asked for are read; nothing holds the whole file.

export interface RandomAccess {
  /** Size of the file in bytes. */
  readonly byteLength: number;
  /** The bytes [start, end) of the file; fewer only when the file is shorter. */
  read(start: number, end: number): Promise<Uint8Array>;
  /** Lets the file go (closes a file handle); reading after it is an error. */
  close(): Promise<void>;
}

/** A browser File or Blob, read a slice at a time. */
export function blobRandomAccess(blob: Blob): RandomAccess {
  return {
    byteLength: blob.size,
    async read(start, end) {
      return new Uint8Array(await blob.slice(start, end).arrayBuffer());
    },
    async close() {},
  };
}

/** Bytes held in memory (tests, small files); reads are views, not copies. */
export function memoryRandomAccess(bytes: Uint8Array): RandomAccess {
  return {
    byteLength: bytes.length,
    async read(start, end) {
      return bytes.subarray(start, Math.min(end, bytes.length));
    },
    async close() {},
  };
}

/** Wraps a RandomAccess so every read is counted (progress bars, benchmarks) and may wait (pause, cancel). */
export function countedRandomAccess(inner: RandomAccess, onRead: (bytes: number) => void | Promise<void>): RandomAccess {
  return {
    byteLength: inner.byteLength,
    async read(start, end) {
      const bytes = await inner.read(start, end);
      await onRead(bytes.length);
      return bytes;
    },
    close: () => inner.close(),
  };
}
