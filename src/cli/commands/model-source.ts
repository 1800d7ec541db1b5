// Where a command's starting model comes from: a lab checkpoint file, or a Hugging Face GPT-2
// folder (config.json + model.safetensors + tokenizer.json), imported (src/core/huggingface).
import { readModelCheckpointFile } from '../../core/checkpoint/node-file';
import type { ModelCheckpoint } from '../../core/checkpoint/types';
import { isDirectory, readHuggingFaceFolder } from '../../core/huggingface/node-folder';

export async function readModelSource(path: string, log: (line: string) => void, seed = 1): Promise<ModelCheckpoint> {
  if (!(await isDirectory(path))) return readModelCheckpointFile(path);
  const { checkpoint, notes } = await readHuggingFaceFolder(path, { seed });
  const { config } = checkpoint;
  log(`imported the GPT-2 folder ${path}: ${config.nLayers} layers, ${config.nHeads} heads, n_embd ${config.dModel}, ${config.vocabSize} tokens, ${config.contextLength} positions${config.matchSignals ? ', with the lab\'s match signals' : ''}`);
  for (const note of notes) log(`  ${note}`);
  return checkpoint;
}
