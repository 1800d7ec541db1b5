// Node only: Hugging Face folders on disk (the command line, tests).
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FolderFile } from './export-folder';
import { importHuggingFaceFolder, type HuggingFaceImportOptions, type ImportedModel, type ReadFolderFile } from './import-folder';

export function folderReader(dir: string): ReadFolderFile {
  return async (name) => {
    try {
      return new Uint8Array(await readFile(join(dir, name)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  };
}

export function readHuggingFaceFolder(dir: string, options: HuggingFaceImportOptions = {}): Promise<ImportedModel> {
  return importHuggingFaceFolder(folderReader(dir), dir, options);
}

export async function writeFolder(dir: string, files: readonly FolderFile[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const file of files) await writeFile(join(dir, file.name), file.bytes);
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
