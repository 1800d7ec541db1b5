// Where the Node host's starting model comes from: a lab checkpoint file, or a Hugging Face GPT-2
// folder (config.json + model.safetensors + tokenizer.json), imported (src/core/huggingface).
import { readModelCheckpointFile } from '../core/checkpoint/node-file';
import type { ModelCheckpoint } from '../core/checkpoint/types';
import { isDirectory, readHuggingFaceFolder } from '../core/huggingface/node-folder';
import type { GptConfig } from '../core/model/gpt';

export interface ModelSource {
  checkpoint: ModelCheckpoint;
  /** Set when `path` was a Hugging Face folder: the imported shape and what the import made up. */
  imported: { config: GptConfig; notes: string[] } | null;
}

export async function readModelSource(path: string, seed = 1): Promise<ModelSource> {
  if (!(await isDirectory(path))) return { checkpoint: await readModelCheckpointFile(path), imported: null };
  const { checkpoint, notes } = await readHuggingFaceFolder(path, { seed });
  return { checkpoint, imported: { config: checkpoint.config, notes } };
}
