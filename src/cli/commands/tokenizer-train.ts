// `npm run darl -- tokenizer train --data DIR --vocab N --out FILE`: trains the byte-level BPE
// tokenizer on the distinct queries and item texts of DIR's train, val and pool files.
import { writeFile } from 'node:fs/promises';
import { trainTokenizer, tokenizerToLabJson } from '../../core/tokenizer';
import { corpusDocuments } from '../../core/training/loop/lm-corpus';
import { numberFlag, stringFlag, type CliCommand } from '../args';
import { readCorpusExamples } from '../../engine/node-host-files';

const command: CliCommand = {
  summary: 'train a byte-level BPE tokenizer on a data folder (train, val, pool text)',
  async run(args) {
    const dir = stringFlag(args, 'data');
    const out = stringFlag(args, 'out');
    const vocabSize = numberFlag(args, 'vocab', 2048);
    const started = performance.now();
    const documents = corpusDocuments(await readCorpusExamples(dir));
    const tokenizer = trainTokenizer(documents, { vocabSize });
    await writeFile(out, tokenizerToLabJson(tokenizer), 'utf8');
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`wrote ${out}: ${tokenizer.vocabSize} tokens (${tokenizer.mergeCount} merges) from ${documents.length} texts in ${seconds} s`);
    return 0;
  },
};

export default command;
