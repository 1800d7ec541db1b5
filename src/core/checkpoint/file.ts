// A model checkpoint as one .safetensors file: the tensors of toStoredCheckpoint, and its config
// and metadata (tokenizer JSON, training state) as JSON in __metadata__ (file-format.ts).
import { exportCheckpointFile, parseCheckpointFile } from './file-format';
import { fromStoredCheckpoint, toStoredCheckpoint } from './stored';
import type { ModelCheckpoint } from './types';

export function modelCheckpointToBytes(checkpoint: ModelCheckpoint, id: string, name = id): Uint8Array {
  return exportCheckpointFile(toStoredCheckpoint(checkpoint, id, name));
}

export function modelCheckpointFromBytes(bytes: Uint8Array, fileName = 'checkpoint file'): ModelCheckpoint {
  return fromStoredCheckpoint(parseCheckpointFile(bytes, fileName), fileName);
}
