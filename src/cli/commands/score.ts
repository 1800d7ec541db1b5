// `npm run darl -- score --checkpoint CHECKPOINT|DIR --data FILE --out FILE [--batch B] [--backend cpu|wasm]`:
// writes one JSON line per example of FILE: {"id", "probs": [p0, p1, p2]}, in the file's order.
// DIR is a Hugging Face GPT-2 folder (model-source.ts).
import { writeFile } from 'node:fs/promises';
import { restoreModel } from '../../core/checkpoint/capture';
import { disposeGpt } from '../../core/model/gpt';
import { useBackend, type NodeBackend } from '../../core/backend/test-backends';
import { checkpointTokenizer } from '../../core/training/loop/model-setup';
import { score } from '../../core/training/loop/score';
import { CliUsageError, numberFlag, stringFlag, type CliCommand, type ParsedArgs } from '../args';
import { readExamplesFile } from './cli-data';
import { readModelSource } from './model-source';

export async function runScore(args: ParsedArgs): Promise<number> {
  const checkpointPath = stringFlag(args, 'checkpoint');
  const dataPath = stringFlag(args, 'data');
  const out = stringFlag(args, 'out');
  const backend = stringFlag(args, 'backend', 'wasm');
  if (backend !== 'cpu' && backend !== 'wasm') throw new CliUsageError(`--backend must be cpu or wasm, got "${backend}"`);
  await useBackend(backend as NodeBackend);
  const checkpoint = await readModelSource(checkpointPath, console.log);
  const tokenizer = checkpointTokenizer(checkpoint, checkpointPath);
  const examples = await readExamplesFile(dataPath);
  const model = restoreModel(checkpoint, checkpointPath);
  try {
    const started = performance.now();
    const scores = await score(model, tokenizer, examples, {
      batchSize: numberFlag(args, 'batch', 32),
      logitNormTau: checkpoint.training?.loss?.logitNormTau ?? null,
    });
    const lines = examples.map((example, i) => `${JSON.stringify({ id: example.id, probs: scores[i].probs })}\n`);
    await writeFile(out, lines.join(''), 'utf8');
    console.log(`scored ${examples.length} pairs in ${((performance.now() - started) / 1000).toFixed(1)} s; wrote ${out}`);
    return examples.length;
  } finally {
    disposeGpt(model);
  }
}

const command: CliCommand = {
  summary: 'score a JSONL file of pairs with a checkpoint: {"id","probs"} per line',
  async run(args) {
    await runScore(args);
    return 0;
  },
};

export default command;
