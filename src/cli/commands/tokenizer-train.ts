// `npm run darl -- tokenizer train --data DIR --vocab N --out FILE`: trains the byte-level BPE
// tokenizer on the distinct queries and item texts of DIR's train, val and pool files (the engine's
// trainTokenizerOnFolder).
import { writeFile } from 'node:fs/promises';
import { createNodeLabEngine } from '../../engine/node-engine';
import { numberFlag, stringFlag, type CliCommand } from '../args';

const command: CliCommand = {
  summary: 'train a byte-level BPE tokenizer on a data folder (train, val, pool text)',
  async run(args) {
    const dir = stringFlag(args, 'data');
    const out = stringFlag(args, 'out');
    const vocabSize = numberFlag(args, 'vocab', 2048);
    const started = performance.now();
    const tokenizer = await createNodeLabEngine().trainTokenizerOnFolder(dir, vocabSize);
    await writeFile(out, tokenizer.json, 'utf8');
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`wrote ${out}: ${tokenizer.vocabSize} tokens (${tokenizer.merges} merges) from ${tokenizer.documents} texts in ${seconds} s`);
    return 0;
  },
};

export default command;
