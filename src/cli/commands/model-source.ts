// Printing where a command's starting model came from (the engine reads it: node-host-model-source.ts).
import type { ModelSource } from '../../engine/node-host-model-source';

export function logModelSource(path: string, source: ModelSource, log: (line: string) => void): void {
  if (!source.imported) return;
  const { config, notes } = source.imported;
  log(`imported the GPT-2 folder ${path}: ${config.nLayers} layers, ${config.nHeads} heads, n_embd ${config.dModel}, ${config.vocabSize} tokens, ${config.contextLength} positions${config.matchSignals ? ', with the lab\'s match signals' : ''}`);
  for (const note of notes) log(`  ${note}`);
}
