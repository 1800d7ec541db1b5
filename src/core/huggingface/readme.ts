// README.md of an exported folder: what the files are, how to load them, and what of the lab's
// model does not carry over to transformers' GPT-2, with this model's own numbers.
import type { GptConfig } from '../model/gpt';
import { MATCH_FEATURES } from '../model/match-signals';

export const README_FILE = 'README.md';

export interface ReadmeFacts {
  config: GptConfig;
  head: boolean;
  /** The classifier's bias, one value per grade. */
  bias: readonly number[];
  /** tau of LogitNorm when the model was trained with it, else null. */
  logitNormTau: number | null;
  /** The checkpoint's training stage, or null. */
  stage: string | null;
}

const number = (value: number) => Number(value.toPrecision(6)).toString();

export function exportReadme(facts: ReadmeFacts): string {
  const { config, head } = facts;
  const loader = head ? 'GPT2ForSequenceClassification' : 'GPT2LMHeadModel';
  const lines = [
    '# A Relevance Lab model in Hugging Face GPT-2 format',
    '',
    `Exported by the Relevance Lab (\`npm run darl -- export --format hf\`) from a ${facts.stage ?? 'untrained'} checkpoint:`,
    `${config.nLayers} layers, ${config.nHeads} heads, n_embd ${config.dModel}, ${config.vocabSize} tokens, ${config.contextLength} positions.`,
    '',
    '| file | what |',
    '| --- | --- |',
    `| model.safetensors | the weights under GPT-2's names, float32${head ? ', with score.weight (the grade head)' : ''} |`,
    '| config.json | GPT2Config |',
    "| tokenizer.json | the lab's byte-level BPE tokenizer; a pair encodes as [BOS] [Q] query [I] item [CLS] |",
    '| tokenizer_config.json | the special tokens ([PAD], [BOS], [EOS], [CLS], [SEP]) |',
    "| lab.safetensors | what GPT-2 has no name for (below); transformers does not read it, the lab's import does |",
    '',
    '```python',
    `from transformers import ${loader}, PreTrainedTokenizerFast`,
    `model = ${loader}.from_pretrained("DIR")`,
    'tokenizer = PreTrainedTokenizerFast.from_pretrained("DIR")',
    '```',
    '',
    '## The same architecture',
    '',
    "GPT-2's forward pass: learned position embeddings, pre-LayerNorm blocks (attention, then an MLP),",
    `a final LayerNorm, epsilon ${config.layerNormEpsilon}, the tanh approximation of GELU (gelu_new), attention`,
    'scores divided by sqrt(head size), a causal mask, and the LM head tied to the token embedding.',
    `Next-token logits agree with the lab's to about 1e-6 (the lab's parity test checks < 1e-4).`,
    '',
    '## What does not carry over',
    '',
  ];
  const notes: string[] = [];
  if (head) {
    notes.push(
      `- **The head's bias.** GPT2ForSequenceClassification's score has no bias; the lab's classifier adds [${facts.bias.map(number).join(', ')}] ` +
        '(irrelevant, weak, strong) to the logits. Add it to the logits to get the lab\'s; without it the probabilities, and possibly the argmax, differ. It is also in lab.safetensors as classifier.b.',
    );
    if (facts.logitNormTau !== null) {
      notes.push(
        `- **LogitNorm.** The model was trained with LogitNorm (tau ${number(facts.logitNormTau)}): the lab's probabilities are softmax(z / (tau * ||z||)) of the logits z. ` +
          'transformers gives softmax(z): the same ranking and argmax, different (sharper or flatter) probabilities.',
      );
    }
    if (config.pooling === 'mean') {
      notes.push('- **Mean pooling.** This classifier reads the mean of the hidden states up to [CLS]; GPT2ForSequenceClassification reads the last non-padding token, so its grade logits differ.');
    }
  } else {
    notes.push("- **No grade head.** The checkpoint's classifier was not trained (a pretraining checkpoint), so config.json names GPT2LMHeadModel; the untrained classifier is in lab.safetensors.");
  }
  if (config.matchSignals) {
    notes.push(
      "- **Match signals.** The lab tells every token of a relevance prompt how its word matches the other side (11 channels, an embedding `wme`) and its classifier reads " +
        `${MATCH_FEATURES} match features beside the pooled state. GPT-2 has neither: here every token is on channel 0 (plain text), whose embedding row is added into ` +
        "transformer.wpe.weight, so plain-text logits are the lab's; on relevance prompts the lab's own model also sees the channels, and its grades differ from this model's. " +
        'The channel embedding and the classifier\'s match-feature rows are in lab.safetensors.',
    );
    notes.push('- **The matched-vs-shuffled pretraining head** (pairs.w, pairs.b) is in lab.safetensors only.');
  }
  notes.push(
    "- **The prompt's truncation and item fields.** tokenizer.json's pair template gives [BOS] [Q] query [I] item [CLS]; the lab also cuts long pairs (the item's end first) and puts [SEP] between an item's fields.",
    '- **Special tokens in text.** transformers turns the literal text "[CLS]" (and the other special names) into the special token; the lab never makes a special token from text.',
    '- **Padding.** The lab masks padding keys itself; in transformers pass attention_mask (with right padding, as here, the causal mask already keeps padding out of every real position).',
    "- **Training state.** Weights only: no optimizer moments, no training position. Continue training in the lab from the lab's own checkpoint.",
  );
  return `${[...lines, ...notes, ''].join('\n')}`;
}
