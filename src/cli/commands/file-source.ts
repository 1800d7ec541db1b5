// Files on disk for the data commands: streamed as ByteSources, and file-system failures (a folder
// where a file should be, a missing file, no permission) told in words, with the file named.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ByteSource } from '../../core/data/import/byte-source';
import { importFault, UnreadableFileError } from '../../core/data/import/errors';

/** What went wrong in words, for a Node file-system error. */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EISDIR') return 'this is a folder, not a file';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is a file, not a folder';
  return `cannot read it (${error instanceof Error ? error.message : String(error)})`;
}

export function unreadableFile(path: string, error: unknown): UnreadableFileError {
  return importFault(UnreadableFileError, { file: path }, describeFileError(error), { code: (error as NodeJS.ErrnoException)?.code });
}

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

/** A file on disk as a streamed ByteSource, named as the user wrote it. */
export function fileSource(path: string): ByteSource {
  return { name: path, open: () => fileChunks(path) };
}
