// Writing a dataset folder for `--out` (data generate, data import) without ever deleting what the
// lab did not write. A missing or empty folder is written; a folder that holds the lab's dataset.json
// and only the lab's files is replaced with --force; anything else (a file, a link, a folder of the
// user's, a lab folder with other files added) is refused and left untouched. The new folder is
// filled beside the target and renamed into place, so it appears whole or not at all.
import { lstat, mkdir, readdir, readFile, rename, rm, rmdir, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { DATASET_INFO_FILE, POOL_LABELS_FILE, SPLIT_FILES } from '../../core/data/import/lab-layout';
import { CliUsageError } from '../args';

export class OutFolderError extends CliUsageError {
  override name = 'OutFolderError';
}

/** Every file the lab writes into a dataset folder. */
export const LAB_DATASET_FILES: readonly string[] = [...Object.values(SPLIT_FILES), POOL_LABELS_FILE, DATASET_INFO_FILE];

/** What is at `--out` now. */
type OutState = 'missing' | 'empty' | 'lab-dataset';

async function isLabDatasetInfo(path: string): Promise<boolean> {
  try {
    const info = JSON.parse(await readFile(path, 'utf8')) as { source?: { kind?: unknown }; splits?: unknown };
    const kind = info?.source?.kind;
    return (kind === 'generated' || kind === 'imported') && typeof info.splits === 'object' && info.splits !== null;
  } catch {
    return false;
  }
}

/** Throws OutFolderError unless the lab may write `out` (with `force`, replace its own dataset there). */
export async function checkOutFolder(out: string, force: boolean): Promise<OutState> {
  const info = await lstat(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new OutFolderError(`cannot use --out ${out}: ${error.message}`);
  });
  if (info === null) return 'missing';
  if (info.isSymbolicLink()) throw new OutFolderError(`${out} is a symbolic link; give --out the folder itself (the lab does not replace links)`);
  if (!info.isDirectory()) throw new OutFolderError(`${out} is a file, not a folder; the lab writes a dataset folder and never replaces a file: choose another --out`);
  const entries = await readdir(out);
  if (entries.length === 0) return 'empty';
  if (!entries.includes(DATASET_INFO_FILE) || !(await isLabDatasetInfo(join(out, DATASET_INFO_FILE)))) {
    throw new OutFolderError(`${out} holds files the lab did not write (no dataset.json of the lab's); the lab only replaces its own dataset folders: choose another --out`);
  }
  const foreign = entries.filter((name) => !LAB_DATASET_FILES.includes(name)).sort();
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 10).map((name) => JSON.stringify(name)).join(', ');
    throw new OutFolderError(`${out} also holds files the lab did not write: ${shown}${foreign.length > 10 ? ` (and ${foreign.length - 10} more)` : ''}; move them out or choose another --out`);
  }
  if (!force) throw new OutFolderError(`${out} already holds a lab dataset; pass --force to replace it`);
  return 'lab-dataset';
}

/** Deletes a folder that held only the lab's files (checked just before): those files, then the folder. */
async function removeLabFolder(dir: string): Promise<void> {
  for (const name of LAB_DATASET_FILES) await unlink(join(dir, name)).catch(() => undefined);
  await rmdir(dir);
}

/**
 * Writes a dataset folder at `out`: `fill` writes the files into a temporary sibling, which then takes
 * the place of `out` if checkOutFolder allows it. On any failure the temporary folder is removed and
 * `out` is as it was.
 */
export async function writeDatasetFolder(out: string, force: boolean, fill: (dir: string) => Promise<void>): Promise<void> {
  await checkOutFolder(out, force);
  const target = resolve(out);
  const temporary = join(dirname(target), `.${basename(target)}.partial-${process.pid}-${Date.now()}`);
  await mkdir(dirname(target), { recursive: true });
  await mkdir(temporary);
  try {
    await fill(temporary);
    // Checked again: the folder may have changed while the files were being made.
    const state = await checkOutFolder(out, force);
    if (state === 'missing') {
      await rename(temporary, target);
      return;
    }
    const previous = `${temporary}.old`;
    await rename(target, previous);
    try {
      await rename(temporary, target);
    } catch (error) {
      await rename(previous, target);
      throw error;
    }
    await removeLabFolder(previous).catch(() => {
      throw new OutFolderError(`wrote ${out}; the dataset it replaced is kept in ${previous} because it could not be removed`);
    });
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}
