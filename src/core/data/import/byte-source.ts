// A named source of bytes, read as a stream: a browser File/Blob, a WHATWG ReadableStream, a Node
// readable stream (already an AsyncIterable<Buffer>), or bytes in memory (tests, small pastes).
// Sources that can also be read at any offset (files, blobs, bytes) say so with `random`: Parquet
// needs it, as its index is at the end of the file.
import { blobRandomAccess, memoryRandomAccess, type RandomAccess } from './random-access';

export interface ByteSource {
  /** The file name shown in messages. */
  name: string;
  /** Opens a fresh stream of the bytes, in order. */
  open(): AsyncIterable<Uint8Array>;
  /** Opens the bytes for reading at any offset, when the source can (Parquet needs it). */
  random?(): Promise<RandomAccess>;
}

/** Iterates a WHATWG ReadableStream (works where streams are not async-iterable yet). */
export async function* readableStreamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value && value.length > 0) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** A browser File or Blob, streamed (never read whole). */
export function blobSource(blob: Blob, name = (blob as File).name ?? 'file'): ByteSource {
  return { name, open: () => readableStreamChunks(blob.stream() as ReadableStream<Uint8Array>), random: async () => blobRandomAccess(blob) };
}

/** Bytes or text held in memory, handed out in chunks of `chunkBytes` (small chunks exercise the streaming paths). */
export function memorySource(name: string, content: Uint8Array | string, chunkBytes = 64 * 1024): ByteSource {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return {
    name,
    async *open() {
      for (let start = 0; start < bytes.length; start += chunkBytes) yield bytes.subarray(start, start + chunkBytes);
    },
    random: async () => memoryRandomAccess(bytes),
  };
}
