// A lab checkpoint as a Hugging Face GPT-2 folder: model.safetensors (GPT-2's names, weights only),
// config.json, tokenizer.json, tokenizer_config.json, lab.safetensors (what GPT-2 has no name for)
// and README.md. Pure: returns the files; hosts write them (node-folder.ts, the page's zip).
import type { ModelCheckpoint } from '../checkpoint/types';
import { encodeSafetensors, type NamedTensor } from '../io/safetensors';
import { checkpointTokenizer } from '../training/loop/model-setup';
import { tokenizerToHuggingFaceJson } from '../tokenizer';
import { HuggingFaceExportError } from './errors';
import { CONFIG_FILE, gpt2ConfigJson } from './gpt2-config';
import { scoreFromClassifier } from './gpt2-head';
import { backboneNamePairs, SCORE_NAME, TRANSFORMER_PREFIX } from './gpt2-names';
import { encodeLabExtras, LAB_EXTRAS_FILE } from './lab-extras';
import { exportReadme, README_FILE } from './readme';
import { TOKENIZER_CONFIG_FILE, TOKENIZER_FILE, tokenizerConfigJson } from './tokenizer-config';

export const MODEL_FILE = 'model.safetensors';

export interface FolderFile {
  name: string;
  bytes: Uint8Array;
}

export interface HuggingFaceExportOptions {
  /** Export the grade head as score.weight (GPT2ForSequenceClassification). Default: when the checkpoint is from probe or finetune. */
  head?: boolean;
  /** Names the checkpoint in errors. */
  where?: string;
}

/** Whether a checkpoint's classifier was trained: the default for `head`. */
export function hasTrainedHead(checkpoint: ModelCheckpoint): boolean {
  return checkpoint.training?.stage === 'probe' || checkpoint.training?.stage === 'finetune';
}

const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

export function huggingFaceFolder(checkpoint: ModelCheckpoint, options: HuggingFaceExportOptions = {}): FolderFile[] {
  const where = options.where ?? 'checkpoint';
  const { config } = checkpoint;
  if (checkpoint.tokenizer === null) throw new HuggingFaceExportError(`${where}: has no tokenizer, and a Hugging Face folder needs tokenizer.json.`, { where });
  const tokenizer = checkpointTokenizer(checkpoint, where);
  const head = options.head ?? hasTrainedHead(checkpoint);
  const byName = new Map(checkpoint.weights.map((tensor) => [tensor.name, tensor]));
  const tensorOf = (name: string): NamedTensor => {
    const tensor = byName.get(name);
    if (!tensor) throw new HuggingFaceExportError(`${where}: parameter "${name}" is missing.`, { where, name });
    return tensor;
  };
  const get = (name: string) => tensorOf(name).data as Float32Array;
  const d = config.dModel;
  const C = config.numClasses;

  const model: NamedTensor[] = backboneNamePairs(config.nLayers).map(([lab, hf]) => ({ ...tensorOf(lab), name: TRANSFORMER_PREFIX + hf }));
  const extras: NamedTensor[] = [];
  if (config.matchSignals) {
    // Plain text is all channel 0: its embedding row joins every position's embedding.
    const wme = get('wme');
    const wpe = model[1];
    const folded = Float32Array.from(wpe.data as Float32Array, (value, index) => value + wme[index % d]);
    model[1] = { ...wpe, data: folded };
    extras.push({ name: 'wme', dtype: 'float32', shape: [wme.length / d, d], data: wme });
    extras.push(tensorOf('pairs.w'), tensorOf('pairs.b'));
  }
  const classifier = get('classifier.w');
  const rows = classifier.length / C;
  if (head) model.push({ name: SCORE_NAME, dtype: 'float32', shape: [C, d], data: scoreFromClassifier(classifier, C, d) });
  const rowsFrom = head ? d : 0;
  if (rows > rowsFrom) extras.push({ name: 'classifier.rows', dtype: 'float32', shape: [rows - rowsFrom, C], data: classifier.slice(rowsFrom * C) });
  const bias = get('classifier.b');
  const logitNormTau = checkpoint.training?.loss?.logitNormTau ?? null;
  extras.push({ name: 'classifier.b', dtype: 'float32', shape: [C], data: bias });

  return [
    { name: MODEL_FILE, bytes: encodeSafetensors(model, { format: 'pt' }) },
    { name: CONFIG_FILE, bytes: json(gpt2ConfigJson(config, { head, bosId: tokenizer.special.bos, eosId: tokenizer.special.eos })) },
    { name: TOKENIZER_FILE, bytes: new TextEncoder().encode(tokenizerToHuggingFaceJson(tokenizer)) },
    { name: TOKENIZER_CONFIG_FILE, bytes: json(tokenizerConfigJson(config.contextLength)) },
    { name: LAB_EXTRAS_FILE, bytes: encodeLabExtras({ config, classifierRowsFrom: rowsFrom, tensors: extras, logitNormTau }) },
    {
      name: README_FILE,
      bytes: new TextEncoder().encode(exportReadme({
        config, head, bias: Array.from(bias), logitNormTau, stage: checkpoint.training?.stage ?? null,
      })),
    },
  ];
}
