// Where a pipeline finds a shipped pretrained model: its manifest first (small, enough for the
// stage key), its files only when the run store does not hold it yet. Hosts read the files their
// own way: Node from a folder (src/cli/commands/shipped-folder.ts), the engine worker over HTTP
// from the page's own origin (fetchShippedModels).
import type { ModelCheckpoint } from '../../checkpoint/types';
import type { GptPresetName } from '../../model/gpt';
import { ShippedModelError } from '../errors';
import { shippedCheckpoint } from './files';
import type { HuggingFaceStartModel } from './huggingface';
import { parseShippedManifest, SHIPPED_MANIFEST_FILE, type ShippedManifest } from './manifest';

export interface ShippedModel {
  /** The folder or URL it comes from, for messages. */
  where: string;
  manifest: ShippedManifest;
  /** Reads the files and checks them against the manifest. */
  load(): Promise<ModelCheckpoint>;
}

/** A pipeline's given starting model: a shipped one, or a Hugging Face GPT-2 folder (`run --pretrained DIR`). */
export type PretrainedModel = ShippedModel | HuggingFaceStartModel;

/** The shipped model of a preset (ShippedModelError when there is none), or the folder the run was given. */
export type ShippedModels = (preset: GptPresetName) => Promise<PretrainedModel>;

/** The shipped models of a folder or URL: never an imported folder. */
export type ShippedModelSource = (preset: GptPresetName) => Promise<ShippedModel>;

/** Reads one file of the model's folder; null when it does not exist. */
export type ReadShippedFile = (name: string) => Promise<Uint8Array | null>;

export async function openShippedModel(where: string, read: ReadShippedFile): Promise<ShippedModel> {
  const required = async (name: string) => {
    const bytes = await read(name);
    if (!bytes) throw new ShippedModelError(`${where} has no ${name}: no shipped model there (make one with \`npm run darl -- pretrain-shipped\`).`, { where, file: name });
    return bytes;
  };
  const manifest = parseShippedManifest(new TextDecoder().decode(await required(SHIPPED_MANIFEST_FILE)), `${where}/${SHIPPED_MANIFEST_FILE}`);
  return {
    where,
    manifest,
    load: async () => shippedCheckpoint(manifest, { weights: await required(manifest.files.weights.path), tokenizer: await required(manifest.files.tokenizer.path) }, where),
  };
}

/** Shipped models over HTTP: `<base><preset>/shipped.json` and its files (the page's `models/`). */
export function fetchShippedModels(base: URL): ShippedModelSource {
  return (preset) => {
    const folder = new URL(`${preset}/`, base);
    return openShippedModel(folder.href.replace(/\/$/, ''), async (name) => {
      const response = await fetch(new URL(name, folder));
      // A dev server answers a missing file with the page itself.
      if (response.status === 404 || response.headers.get('content-type')?.startsWith('text/html')) return null;
      if (!response.ok) throw new ShippedModelError(`${folder.href}${name}: HTTP ${response.status} ${response.statusText}`, { file: name });
      return new Uint8Array(await response.arrayBuffer());
    });
  };
}
