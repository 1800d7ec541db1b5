// `run --pretrained shipped|DIR`: start every pipeline from a shipped pretrained model instead of
// pretraining on the data: `shipped` is the repository's public/models/<preset>, DIR a folder made by
// `pretrain-shipped`. The Pretrain stage then uses that model and its tokenizer as they are.
import type { GptPresetName } from '../../core/model/gpt';
import { PipelineInputError } from '../../core/pipeline/errors';
import { openShippedFolder, shippedModelFolders } from '../../core/pipeline/shipped/node-folder';
import type { ShippedModels } from '../../core/pipeline/shipped/source';
import { stringFlag, type ParsedArgs } from '../args';

/** The shipped models for --pretrained; without the flag the repository's (for a --settings file that asks for them). */
export function pretrainedFlag(args: ParsedArgs, preset: GptPresetName): ShippedModels {
  const value = stringFlag(args, 'pretrained', 'shipped');
  const open = value === 'shipped' ? shippedModelFolders() : () => openShippedFolder(value);
  return async (asked) => {
    const model = await open(asked);
    if (model.manifest.preset !== preset) {
      throw new PipelineInputError(`--pretrained ${value}: ${model.where} holds a ${model.manifest.preset} model, but the run's preset is ${preset}; give --preset ${model.manifest.preset}.`);
    }
    return model;
  };
}
