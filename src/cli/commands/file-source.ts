// Files on disk for the data commands: streamed as ByteSources, and file-system failures (a folder
// where a file should be, a missing file, no permission) told in words, with the file named.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { ByteSource } from '../../core/data/import/byte-source';
import { importFault, UnreadableFileError } from '../../core/data/import/errors';
import { describeFileError, unreadableFile } from '../../engine/node-host-files';
import type { RandomAccess } from '../../core/data/import/random-access';

async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  const info = await stat(path).catch((error: unknown) => {
    throw unreadableFile(path, error);
  });
  if (info.isDirectory()) throw importFault(UnreadableFileError, { file: path }, describeFileError({ code: 'EISDIR' }), { code: 'EISDIR' });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) yield chunk as Uint8Array;
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code === undefined) throw error;
    throw unreadableFile(path, error);
  }
}

/** A file on disk read at any offset through one open file handle (Parquet reads its footer first). */
export async function fileRandomAccess(path: string): Promise<RandomAccess> {
  const handle = await open(path, 'r').catch((error: unknown) => {
    throw unreadableFile(path, error);
  });
  const info = await handle.stat();
  if (info.isDirectory()) {
    await handle.close();
    throw importFault(UnreadableFileError, { file: path }, describeFileError({ code: 'EISDIR' }), { code: 'EISDIR' });
  }
  return {
    byteLength: info.size,
    async read(start, end) {
      const bytes = new Uint8Array(Math.max(0, Math.min(end, info.size) - start));
      let filled = 0;
      while (filled < bytes.length) {
        const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, start + filled).catch((error: unknown) => {
          throw unreadableFile(path, error);
        });
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return filled === bytes.length ? bytes : bytes.subarray(0, filled);
    },
    close: () => handle.close(),
  };
}

/** A file on disk as a streamed ByteSource (and read at offsets when Parquet asks), named as the user wrote it. */
export function fileSource(path: string): ByteSource {
  return { name: path, open: () => fileChunks(path), random: () => fileRandomAccess(path) };
}
