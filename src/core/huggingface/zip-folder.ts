// A Hugging Face folder as one .zip file (the page downloads and uploads folders this way), with
// fflate. Files are stored without compression: safetensors weights barely compress, and a stored
// zip opens instantly. Reading takes stored or deflated entries, in the zip's root or in one folder.
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { importError } from './errors';
import type { FolderFile } from './export-folder';

export function zipFolder(files: readonly FolderFile[]): Uint8Array {
  const entries: Zippable = {};
  for (const file of files) entries[file.name] = [file.bytes, { level: 0 }];
  return zipSync(entries);
}

/** The zip's files by name; a zip of one folder (DIR/config.json, ...) reads as that folder's files. */
export function unzipFolder(bytes: Uint8Array, source: string): FolderFile[] {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw importError(source, `not a readable .zip file (${(error as Error).message})`);
  }
  const files = Object.entries(entries).filter(([name]) => !name.endsWith('/') && !name.startsWith('__MACOSX/'));
  const folders = new Set(files.map(([name]) => (name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '')));
  if (folders.size > 1) throw importError(source, `holds files in ${folders.size} folders (${[...folders].map((f) => f || '(top)').join(', ')}); zip one model folder`);
  const prefix = [...folders][0] ?? '';
  return files.map(([name, data]) => ({ name: name.slice(prefix.length), bytes: data }));
}
