// Node only: shipped models read from folders on disk (the command line, tests).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { openShippedModel, type ShippedModel, type ShippedModelSource } from './source';

/** The repository's public/models: what the page serves under models/. */
export const SHIPPED_MODELS_DIR = fileURLToPath(new URL('../../../../public/models/', import.meta.url));

export function openShippedFolder(dir: string): Promise<ShippedModel> {
  return openShippedModel(dir, async (name) => {
    try {
      return new Uint8Array(await readFile(join(dir, name)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  });
}

/** `<root>/<preset>/`, by default the repository's public/models. */
export function shippedModelFolders(root = SHIPPED_MODELS_DIR): ShippedModelSource {
  return (preset) => openShippedFolder(join(root, preset));
}
