// `run --pretrained shipped|DIR`: start every pipeline from a given model instead of pretraining on
// the data: `shipped` is the repository's public/models/<preset>, DIR a folder made by
// `pretrain-shipped` (it has shipped.json) or a Hugging Face GPT-2 folder (config.json,
// model.safetensors, tokenizer.json; src/core/pipeline/shipped/huggingface.ts). The Pretrain stage
// then uses that model and its tokenizer as they are.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_FILE } from '../../core/huggingface/gpt2-config';
import { folderReader } from '../../core/huggingface/node-folder';
import type { GptPresetName } from '../../core/model/gpt';
import { PipelineInputError } from '../../core/pipeline/errors';
import { describeGpt2Shape, openHuggingFaceStart, type HuggingFaceStartModel } from '../../core/pipeline/shipped/huggingface';
import { SHIPPED_MANIFEST_FILE } from '../../core/pipeline/shipped/manifest';
import { openShippedFolder, shippedModelFolders } from '../../core/pipeline/shipped/node-folder';
import type { PretrainedModel, ShippedModels } from '../../core/pipeline/shipped/source';
import { stringFlag, type ParsedArgs } from '../args';

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** A folder with config.json and no shipped.json is a Hugging Face folder. */
async function isHuggingFaceFolder(dir: string): Promise<boolean> {
  return !(await exists(join(dir, SHIPPED_MANIFEST_FILE))) && (await exists(join(dir, CONFIG_FILE)));
}

/** The run's preset against the folder's shape: the same preset, or a shape of its own (the preset then gives the budget only). */
function checkImportedPreset(model: HuggingFaceStartModel, value: string, preset: GptPresetName, log: (line: string) => void): void {
  const shape = describeGpt2Shape(model.dims);
  if (model.shapePreset !== null && model.shapePreset !== preset) {
    throw new PipelineInputError(
      `--pretrained ${value}: ${model.where}/${CONFIG_FILE} has the ${model.shapePreset} preset's shape (${shape}), but the run's preset is ${preset}; give --preset ${model.shapePreset}.`,
      { setting: 'preset', preset: model.shapePreset },
    );
  }
  log(
    model.shapePreset === null
      ? `--pretrained ${value}: a GPT-2 of its own shape (${shape}) from config.json; --preset ${preset} gives only the budget (lengths, learning rates, row caps)`
      : `--pretrained ${value}: a GPT-2 of the ${preset} preset's shape (${shape})`,
  );
}

/** The models for --pretrained; without the flag the repository's (for a --settings file that asks for them). */
export function pretrainedFlag(args: ParsedArgs, preset: GptPresetName, log: (line: string) => void = () => {}): ShippedModels {
  const value = stringFlag(args, 'pretrained', 'shipped');
  let imported: Promise<HuggingFaceStartModel> | null = null;
  return async (asked): Promise<PretrainedModel> => {
    if (value !== 'shipped' && (await isHuggingFaceFolder(value))) {
      // Opened (and hashed) once: every seed of the run shares it.
      imported ??= openHuggingFaceStart(value, folderReader(value)).then((model) => {
        checkImportedPreset(model, value, preset, log);
        return model;
      });
      return imported;
    }
    const model = await (value === 'shipped' ? shippedModelFolders()(asked) : openShippedFolder(value));
    if (model.manifest.preset !== preset) {
      throw new PipelineInputError(`--pretrained ${value}: ${model.where} holds a ${model.manifest.preset} model, but the run's preset is ${preset}; give --preset ${model.manifest.preset}.`);
    }
    return model;
  };
}
