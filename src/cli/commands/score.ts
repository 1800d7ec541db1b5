// `npm run darl -- score --checkpoint CHECKPOINT|DIR --data FILE --out FILE [--batch B] [--backend cpu|wasm]`:
// writes one JSON line per example of FILE: {"id", "probs": [p0, p1, p2]}, in the file's order.
// DIR is a Hugging Face GPT-2 folder (model-source.ts). The engine scores (scoreWithFile).
import { writeFile } from 'node:fs/promises';
import { CliUsageError, numberFlag, stringFlag, type CliCommand, type ParsedArgs } from '../args';
import { startEngine } from './cli-engine';
import { logModelSource } from './model-source';

export async function runScore(args: ParsedArgs): Promise<number> {
  const checkpointPath = stringFlag(args, 'checkpoint');
  const dataPath = stringFlag(args, 'data');
  const out = stringFlag(args, 'out');
  const backend = stringFlag(args, 'backend', 'wasm');
  if (backend !== 'cpu' && backend !== 'wasm') throw new CliUsageError(`--backend must be cpu or wasm, got "${backend}"`);
  const engine = await startEngine(backend, 1);
  const source = await engine.readModelSource(checkpointPath);
  logModelSource(checkpointPath, source, console.log);
  const examples = await engine.readExamplesFile(dataPath);
  const started = performance.now();
  const scores = await engine.scoreWithFile({ checkpoint: source.checkpoint, where: checkpointPath, examples, batchSize: numberFlag(args, 'batch', 32) });
  const lines = examples.map((example, i) => `${JSON.stringify({ id: example.id, probs: scores[i].probs })}\n`);
  await writeFile(out, lines.join(''), 'utf8');
  console.log(`scored ${examples.length} pairs in ${((performance.now() - started) / 1000).toFixed(1)} s; wrote ${out}`);
  return examples.length;
}

const command: CliCommand = {
  summary: 'score a JSONL file of pairs with a checkpoint: {"id","probs"} per line',
  async run(args) {
    await runScore(args);
    return 0;
  },
};

export default command;
