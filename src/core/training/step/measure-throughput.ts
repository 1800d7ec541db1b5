// Measures training-step throughput in Node on the cpu and wasm backends.
//   npx tsx src/core/training/step/measure-throughput.ts [preset ...]
// Prints parameter counts and, per backend and preset, ms per step and tokens per second.

import * as tf from '@tensorflow/tfjs';
import { GPT_PRESETS, countParameters, createGpt, disposeGpt, gptConfig, type GptPresetName } from '../../model/gpt';
import { AdamW } from './adamw';
import { DEFAULT_OCC } from './losses';
import { STAGE_GROUPS, paramSettings } from './param-groups';
import { syntheticBatch } from './synthetic-batch';
import { trainStep, type Objective } from './train-step';
import { useBackend, type NodeBackend } from '../../backend/test-backends';

const ROWS = 8;

async function measure(backend: NodeBackend, preset: GptPresetName, objective: Objective, steps: number): Promise<string> {
  await useBackend(backend);
  const config = gptConfig(preset);
  const model = createGpt(config, 'throughput');
  const groups = objective.kind === 'lm' ? STAGE_GROUPS.pretrain : STAGE_GROUPS.finetune;
  const optimizer = new AdamW(model.params, paramSettings(model.params.keys(), groups));
  const batch = syntheticBatch(config, ROWS, config.contextLength, 'throughput');
  await trainStep(model, batch, objective, optimizer, { learningRate: 1e-4 }); // warm-up
  const start = performance.now();
  for (let i = 0; i < steps; i++) await trainStep(model, batch, objective, optimizer, { learningRate: 1e-4 });
  const ms = (performance.now() - start) / steps;
  optimizer.dispose();
  disposeGpt(model);
  const tokens = (ROWS * config.contextLength * 1000) / ms;
  return `${backend.padEnd(5)} ${preset.padEnd(6)} ${objective.kind.padEnd(9)} ${ROWS}x${config.contextLength}  ${ms.toFixed(1).padStart(8)} ms/step  ${tokens.toFixed(0).padStart(7)} tokens/s`;
}

const presets = (process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['nano', 'small']) as GptPresetName[];
for (const name of Object.keys(GPT_PRESETS) as GptPresetName[]) {
  const { total, backbone, head } = countParameters(gptConfig(name));
  console.log(`${name.padEnd(6)} ${total.toLocaleString('en')} parameters (backbone ${backbone.toLocaleString('en')}, head ${head})`);
}
for (const preset of presets) {
  for (const backend of ['cpu', 'wasm'] as const) {
    const steps = preset === 'nano' ? 10 : 3;
    console.log(await measure(backend, preset, { kind: 'lm' }, steps));
    console.log(await measure(backend, preset, { kind: 'classify', loss: DEFAULT_OCC }, steps));
  }
}
console.log(`tensors left: ${tf.memory().numTensors}`);
