// The Hugging Face method group (huggingface-types.ts) over the lab's store.
import { checkTensorsFitWebGpu } from '../core/backend/webgpu-limits';
import { fromStoredCheckpoint, toStoredCheckpoint } from '../core/checkpoint/stored';
import { huggingFaceFolder, type FolderFile } from '../core/huggingface/export-folder';
import { importError } from '../core/huggingface/errors';
import { importHuggingFaceFolder } from '../core/huggingface/import-folder';
import { unzipFolder, zipFolder } from '../core/huggingface/zip-folder';
import { SAFETENSORS_LIMITS } from '../core/io/safetensors';
import { checkpointFileName } from '../core/checkpoint/file-format';
import { fileNameOf, readCapped } from './file-bytes';
import type { HuggingFaceEngine, NamedBytes } from './huggingface-types';
import type { EngineContext } from './lab-engine';
import { checkpointSummary, freeCheckpointId } from './model-checkpoints';

/** A zip file starts with a local file header, "PK\x03\x04" (or "PK\x05\x06" when empty). */
const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);

const nameOf = (input: Blob | NamedBytes, index: number) => (input instanceof Blob ? fileNameOf(input) ?? `file ${index + 1}` : input.name);

/** The folder's files, and the zip's name when they came in one. */
async function readInputs(inputs: readonly (Blob | NamedBytes)[]): Promise<{ files: FolderFile[]; zipName: string | null }> {
  const files: FolderFile[] = [];
  const limit = SAFETENSORS_LIMITS.fileBytes;
  for (const [index, input] of inputs.entries()) {
    const name = nameOf(input, index);
    const bytes = input instanceof Blob ? await readCapped(input, limit, (size) => importError(name, `the file is ${size} bytes; the lab reads files of at most ${limit} bytes`)) : input.bytes;
    files.push({ name, bytes });
  }
  if (files.length === 1 && isZip(files[0].bytes)) return { files: unzipFolder(files[0].bytes, files[0].name), zipName: files[0].name };
  return { files, zipName: null };
}

export function createHuggingFaceMethods(context: EngineContext): HuggingFaceEngine {
  return {
    async exportHuggingFaceModel(checkpointId, options = {}) {
      const stored = await (await context.store()).loadCheckpoint(checkpointId);
      const files = huggingFaceFolder(fromStoredCheckpoint(stored), { head: options.head, where: `checkpoint "${stored.name}"` });
      return { fileName: checkpointFileName(stored).replace(/\.safetensors$/, '-hf.zip'), bytes: zipFolder(files) };
    },

    async importHuggingFaceModel(inputs, options = {}) {
      const { files, zipName: zip } = await readInputs(inputs);
      const where = options.fileName ?? zip ?? 'the chosen files';
      const byName = new Map(files.map((file) => [file.name, file.bytes]));
      const { checkpoint, notes } = await importHuggingFaceFolder(async (name) => byName.get(name) ?? null, where);
      // On webgpu, a tensor one binding cannot hold would fail at the first step: refuse it here, by name.
      const limits = context.requireInfo('importHuggingFaceModel').webgpuLimits?.granted;
      if (limits) checkTensorsFitWebGpu(checkpoint.weights, limits, where);
      const store = await context.store();
      const { nLayers, dModel } = checkpoint.config;
      const name = zip?.replace(/\.zip$/i, '') ?? `GPT-2 import (${nLayers} layers, n_embd ${dModel})`;
      const id = options.id ?? (await freeCheckpointId(store, `hf-${name.replace(/[^\w.-]+/g, '-').toLowerCase()}`));
      await store.saveCheckpoint(toStoredCheckpoint(checkpoint, id, name));
      return { checkpoint: await checkpointSummary(store, id, null), notes };
    },
  };
}
