// The checkpoint panel's Hugging Face actions: a stored checkpoint out as a GPT-2 folder in one
// .zip, and a GPT-2 folder in (a .zip, or its files chosen together). docs/INTEROP.md.
import type { ModelCheckpointSummary } from '../../engine/model-types';
import { formatBytes } from '../format';
import type { LabHandle } from '../lab-handle';

export async function exportForHuggingFace(lab: LabHandle, entry: ModelCheckpointSummary, download: (bytes: Uint8Array, fileName: string) => void): Promise<string> {
  const file = await lab.engine.exportHuggingFaceModel(entry.id);
  download(file.bytes, file.fileName);
  return `Exported "${entry.name}" for Hugging Face as ${file.fileName} (${formatBytes(file.bytes.byteLength)}): model.safetensors, config.json, tokenizer files and a README of what does not carry over.`;
}

export async function importFromHuggingFace(lab: LabHandle, files: readonly File[]): Promise<string> {
  const { checkpoint, notes } = await lab.engine.importHuggingFaceModel(files);
  const told = notes.length > 0 ? ` Note: ${notes.join('; ')}.` : '';
  return `Imported ${files.length === 1 ? files[0].name : `${files.length} files`} as "${checkpoint.name}" (${checkpoint.id}).${told}`;
}
