// Tokenizer benchmark: BPE training time for several vocab sizes, and encoding throughput of
// 100k (query, item) relevance prompts. Data: the built-in insurance search generator.
// Run: npm run bench:tokenizer   (prints a markdown table; median of 3 runs each)
import os from 'node:os';
import { generateDataset } from '../src/core/data/generator/generate';
import { BpeTokenizer } from '../src/core/tokenizer/bpe-tokenizer';
import { itemFieldTexts } from '../src/core/tokenizer/item-fields';
import { sampleProductCorpus } from '../src/core/tokenizer/sample-corpus';
import { trainTokenizer } from '../src/core/tokenizer/train';

const VOCAB_SIZES = [1024, 2048, 4096];
const CORPUS_TEXTS = 20_000;
const PAIRS = 100_000;
const MAX_LEN = 128;
const RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

/** Distinct queries and titles of the default dataset, topped up with item descriptions. */
function buildCorpus(): string[] {
  const examples = Object.values(generateDataset({ seed: 1 }).examples).flat();
  const queries = new Set(examples.map((example) => example.query));
  const titles = new Set(examples.map((example) => example.item.title));
  const descriptions = new Set(examples.map((example) => itemFieldTexts(example.item).slice(1).join('. ')));
  const corpus = [...queries, ...titles];
  for (const description of descriptions) {
    if (corpus.length >= CORPUS_TEXTS) break;
    corpus.push(description);
  }
  return corpus;
}

const corpus = buildCorpus();
const pairs = generateDataset({ seed: 2, sizes: { train: PAIRS, val: 0, test_id: 0, test_ood: 0, pool: 0 } }).examples.train.map(
  (example) => ({ query: example.query, item: itemFieldTexts(example.item) }),
);
const pairBytes = pairs.reduce((sum, pair) => sum + new TextEncoder().encode(pair.query + pair.item.join('')).length, 0);
/** [BOS] [Q] [I] [CLS] and the [SEP]s between item fields: tokens that carry no text. */
const structureTokens = pairs.reduce((sum, pair) => sum + 4 + pair.item.length - 1, 0);

// A second, more varied corpus (invented brands, places, free-text needs, some non-Latin text)
// shows how training time grows with the number of distinct words.
const variedCorpus = sampleProductCorpus(CORPUS_TEXTS, 1);
const mb = (texts: string[]) => (texts.reduce((sum, text) => sum + new TextEncoder().encode(text).length, 0) / 1e6).toFixed(2);

const trainingRows: string[] = [];
for (const [name, texts] of [['generator', corpus], ['varied sample', variedCorpus]] as const) {
  for (const vocabSize of [...VOCAB_SIZES, 8192]) {
    const trainings = Array.from({ length: RUNS }, () => timed(() => trainTokenizer(texts, { vocabSize })));
    const info = trainings[0].value.training;
    trainingRows.push(
      `| ${name} (${texts.length.toLocaleString('en-US')} texts, ${mb(texts)} MB, ${info?.distinctWords.toLocaleString('en-US')} distinct pieces) ` +
        `| ${vocabSize} | ${trainings[0].value.vocabSize} | ${median(trainings.map((run) => run.ms)).toFixed(0)} ms |`,
    );
  }
}

const rows: string[] = [];
for (const vocabSize of VOCAB_SIZES) {
  const tokenizer = trainTokenizer(corpus, { vocabSize });
  const definition = tokenizer.toDefinition();

  const encode = (target: BpeTokenizer) => {
    let tokens = 0;
    for (const { query, item } of pairs) tokens += target.encodePair(query, item, MAX_LEN).length;
    return tokens;
  };
  // Cold: a fresh tokenizer (empty word cache) per run, as in a first epoch. Warm: the same one again.
  const cold = Array.from({ length: RUNS }, () => timed(() => encode(new BpeTokenizer(definition))));
  const warmTokenizer = new BpeTokenizer(definition);
  encode(warmTokenizer);
  const warm = Array.from({ length: RUNS }, () => timed(() => encode(warmTokenizer)));

  const tokens = cold[0].value;
  const untruncated = pairs.reduce((sum, { query, item }) => sum + tokenizer.encodePair(query, item, 1 << 20).length, 0);
  const coldMs = median(cold.map((run) => run.ms));
  const warmMs = median(warm.map((run) => run.ms));
  rows.push(
    `| ${vocabSize} | ${tokenizer.vocabSize} ` +
      `| ${(coldMs / 1000).toFixed(2)} s | ${Math.round(PAIRS / (coldMs / 1000)).toLocaleString('en-US')} ` +
      `| ${Math.round(tokens / (coldMs / 1000)).toLocaleString('en-US')} ` +
      `| ${Math.round(PAIRS / (warmMs / 1000)).toLocaleString('en-US')} ` +
      `| ${(untruncated / PAIRS).toFixed(1)} | ${(pairBytes / (untruncated - structureTokens)).toFixed(2)} |`,
  );
}

const cpus = os.cpus();
console.log(`Date: ${new Date().toISOString().slice(0, 10)}; machine: ${cpus.length} cores (${cpus[0]?.model ?? 'unknown'}), Node ${process.version}, ${os.platform()} ${os.arch()}`);
console.log(`Training corpora: "generator" = distinct queries, titles and item descriptions of the built-in generator (seed 1); "varied sample" = src/core/tokenizer/sample-corpus.ts (seed 1). minPairCount 2. Median of ${RUNS} runs.\n`);
console.log('| corpus | vocab asked | vocab reached | train time |');
console.log('|---|---|---|---|');
for (const row of trainingRows) console.log(row);
console.log(`\nEncoding: ${PAIRS.toLocaleString('en-US')} generated (query, item fields) pairs (seed 2), encodePair with maxLen ${MAX_LEN}, tokenizer trained on the generator corpus; median of ${RUNS} runs.\n`);
console.log('| vocab asked | vocab reached | encode 100k pairs (cold cache) | pairs/s (cold) | tokens/s (cold) | pairs/s (warm cache) | tokens per pair (untruncated) | bytes per text token |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
