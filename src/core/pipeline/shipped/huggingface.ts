// A Hugging Face GPT-2 folder as the pipeline's starting language model (`run --pretrained DIR`):
// imported as the lab's `--init DIR` does (src/core/huggingface), and keyed by the SHA-256 of the
// files the import reads, so the same folder is read once per run store and any changed byte is a
// new model. The values the files do not give (rows of added tokens, a new classifier) come from one
// fixed import seed, so the files alone decide the model.
//
// The folder's shape comes from its config.json, not from the run's preset. When that shape is one
// of the lab's presets (n_layer, n_head, n_embd, n_positions, n_inner) the run's preset must be the
// same one; a shape of its own runs with the budget (lengths, learning rates, row caps) of the
// preset the run names.
import type { ModelCheckpoint } from '../../checkpoint/types';
import { MODEL_FILE } from '../../huggingface/export-folder';
import { CONFIG_FILE, readGpt2Config, type Gpt2Dimensions } from '../../huggingface/gpt2-config';
import { importError } from '../../huggingface/errors';
import { importHuggingFaceFolder, type ReadFolderFile } from '../../huggingface/import-folder';
import { LAB_EXTRAS_FILE } from '../../huggingface/lab-extras';
import { TOKENIZER_FILE } from '../../huggingface/tokenizer-config';
import { GPT_PRESETS, type GptPresetName } from '../../model/gpt';
import { ShippedModelError } from '../errors';
import { sha256Hex } from './files';

/** The seed of what the files leave open; fixed, so the key is the files'. */
export const HUGGING_FACE_IMPORT_SEED = 1;

/** The files an import reads; lab.safetensors only when the folder has it. */
const KEYED_FILES = [CONFIG_FILE, MODEL_FILE, TOKENIZER_FILE, LAB_EXTRAS_FILE] as const;

export interface HuggingFaceStartModel {
  kind: 'huggingface';
  /** The folder, for messages. */
  where: string;
  /** SHA-256 (lower-case hex) of each file the import reads, by file name. */
  files: Record<string, string>;
  dims: Gpt2Dimensions;
  /** The lab preset config.json has the shape of, or null for a shape of its own. */
  shapePreset: GptPresetName | null;
  /** Reads the files again, checks they are the ones keyed, imports them. */
  load(): Promise<{ checkpoint: ModelCheckpoint; notes: string[] }>;
}

/** config.json's shape in GPT-2's words. */
export function describeGpt2Shape(dims: Gpt2Dimensions): string {
  return `n_layer ${dims.nLayers}, n_head ${dims.nHeads}, n_embd ${dims.dModel}, n_positions ${dims.contextLength}, n_inner ${dims.mlpHidden}`;
}

/** The lab preset of the same shape (vocabulary aside: the tokenizer sets it), or null. */
export function presetOfShape(dims: Gpt2Dimensions): GptPresetName | null {
  for (const [name, preset] of Object.entries(GPT_PRESETS) as [GptPresetName, (typeof GPT_PRESETS)[GptPresetName]][]) {
    if (
      preset.nLayers === dims.nLayers && preset.nHeads === dims.nHeads && preset.dModel === dims.dModel &&
      preset.contextLength === dims.contextLength && preset.mlpRatio * preset.dModel === dims.mlpHidden
    ) {
      return name;
    }
  }
  return null;
}

async function readKeyedFiles(read: ReadFolderFile): Promise<Map<string, Uint8Array>> {
  const bytes = new Map<string, Uint8Array>();
  for (const name of KEYED_FILES) {
    const file = await read(name);
    if (file) bytes.set(name, file);
  }
  return bytes;
}

async function hashes(files: Map<string, Uint8Array>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, bytes] of files) out[name] = await sha256Hex(bytes);
  return out;
}

/**
 * Opens a GPT-2 folder: checks config.json, hashes the files (HuggingFaceImportError for a
 * config.json the lab cannot run or a missing file). The weights are imported only by load().
 */
export async function openHuggingFaceStart(where: string, read: ReadFolderFile): Promise<HuggingFaceStartModel> {
  const configBytes = await read(CONFIG_FILE);
  if (!configBytes) throw importError(`${where}/${CONFIG_FILE}`, `missing (a GPT-2 folder needs ${CONFIG_FILE}, ${MODEL_FILE} and ${TOKENIZER_FILE})`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(configBytes));
  } catch (error) {
    throw importError(`${where}/${CONFIG_FILE}`, `not valid JSON (${(error as Error).message})`);
  }
  const dims = readGpt2Config(json, `${where}/${CONFIG_FILE}`);
  const opened = await readKeyedFiles(read);
  for (const name of [MODEL_FILE, TOKENIZER_FILE]) {
    if (!opened.has(name)) throw importError(`${where}/${name}`, `missing (a GPT-2 folder needs ${CONFIG_FILE}, ${MODEL_FILE} and ${TOKENIZER_FILE})`);
  }
  const files = await hashes(opened);
  opened.clear();
  return {
    kind: 'huggingface',
    where,
    files,
    dims,
    shapePreset: presetOfShape(dims),
    load: async () => {
      const now = await readKeyedFiles(read);
      const current = await hashes(now);
      for (const name of new Set([...Object.keys(files), ...Object.keys(current)])) {
        if (files[name] !== current[name]) {
          throw new ShippedModelError(`${where}/${name} changed after the run keyed it (SHA-256 ${files[name] ?? 'absent'}, now ${current[name] ?? 'absent'}); start the run again.`, { where, file: name });
        }
      }
      return importHuggingFaceFolder(async (name) => now.get(name) ?? null, where, { seed: HUGGING_FACE_IMPORT_SEED });
    },
  };
}
