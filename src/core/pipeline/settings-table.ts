// Every user-facing setting of the lab, in one table: its id (the key of forms and links), label,
// kind, range, default, help and stage, and what it binds to: a path in `PipelineSettings` (with a
// codec when the page value stands for something else), a field of the pipeline request, of a
// hand-run training request or of the data generator. The page's forms, links, requests, the import
// of a stored run and the descriptions are all generated from it (docs/UI.md, "Adding a setting").
// No tfjs here: the page imports it.
import { DEFAULT_BUDGET_FRACTION } from '../dasa/budget';
import { DEFAULT_SHIFTS, DEFAULT_SIZES } from '../data/generator/config';
import { SHIFT_TAGS, SPLITS, type ShiftTag } from '../data/schema';
import { PAGE_STAGES, type PageStage } from '../job/stages';
import { DEFAULT_LOSS_EVERY } from '../training/loop/loss-every';
import { CROSS_ENTROPY } from '../training/step/occ-config';
import { TRAINING_RANGES } from '../training/step/setting-ranges';
import { PRESET_NOTE, SHOWN_DEFAULTS } from './settings-defaults';
import { AS_IS, EVEN_ALPHAS, lengthIn, ONE_ALPHA, sends, ZERO_UNSET, type SettingCodec } from './settings-codecs';
import type { SettingSpec, SettingValue } from './settings-spec';

/** The page stages that have settings: all but the run list. */
export type SettingStage = Exclude<PageStage, 'runs'>;
export const SETTING_STAGES = PAGE_STAGES.filter((stage): stage is SettingStage => stage !== 'runs');

/** A setting that takes effect only while another setting has a given value. */
export interface SettingGate {
  id: string;
  is: SettingValue;
}

export interface PipelineBinding {
  /** Where the value goes in `PipelineSettings` (and in the overrides a run stores). */
  path: readonly string[];
  /** Absent: the value as it is. */
  codec?: SettingCodec;
  /**
   * Sent only while the gate holds. A gate at a value other than its default sends the setting even
   * at its own default (a fixed alpha of 0.5 is still a fixed alpha); otherwise, as every setting,
   * only when changed, so a preset keeps its own value for what the person left alone.
   */
  when?: SettingGate;
}

export type SettingRow = SettingSpec & {
  stage: SettingStage;
  /** What a number counts, for descriptions ("steps", "samples"). */
  unit?: string;
  pipeline?: PipelineBinding;
  /** A field of the pipeline request itself (these choose the preset's defaults). */
  request?: 'preset' | 'seed' | 'budget';
  /** Where a hand-run training stage (its own stage only; `model` rows: every stage) puts the value. */
  training?: readonly string[];
  /** Where the data generator's input takes the value. */
  generator?: { path: readonly string[]; codec?: SettingCodec };
};

/** Old ids still read from links: old id -> current id. */
export const LEGACY_SETTING_IDS: Readonly<Record<string, string>> = { 'finetune.margin': 'finetune.occMarginWeight' };

// The page's ranges: what a form accepts (narrower than the engine's sane ranges, which they sit in).
const LEARNING_RATE = { min: 0.000001, max: 0.1 };
const BATCH = { min: 1, max: 512 };
const EPOCHS = { min: 1, max: 100 };
const STEPS = { min: 1, max: 100_000 };
const KNN_K = { min: 1, max: 1000 };
const ROWS = { min: 0, max: 100_000 };
const SHARE = { min: 0, max: 1 };
const SMOOTHING = { min: 0, max: 0.5 };
const { seed: SEED, vocabSize: VOCAB, pairsWeight: PAIRS_WEIGHT, lossEvery: LOSS_EVERY } = TRAINING_RANGES;

const SHIFT_LABELS: Record<ShiftTag, string> = {
  unseen_category: 'Unseen categories',
  conversational: 'Conversational long queries',
  colloquial_typo: 'Colloquial words and typos',
  unseen_brand: 'Unseen brands',
};
const SPLIT_LABELS: Record<string, string> = { train: 'Train', val: 'Validation', test_id: 'ID test', test_ood: 'OOD test', pool: 'Unlabeled pool' };

const DATA: SettingRow[] = [
  { stage: 'data', key: 'data.seed', label: 'Seed', kind: 'int', default: 1, min: SEED.min, max: SEED.max, group: 'Generator', help: 'The same seed and settings give the same dataset.', generator: { path: ['seed'] } },
  {
    stage: 'data', key: 'data.mode', label: 'Grades', kind: 'choice', default: 'rules', group: 'Generator', generator: { path: ['mode'] },
    options: [{ value: 'rules', label: 'Rules (crisp)' }, { value: 'realistic', label: 'Realistic (noisy raters)' }],
    help: 'Rules: strong = category and every constraint met. Realistic: 3-5 simulated raters judge a graded relevance; most pairs partial, about 1 in 6 labels noisy.',
  },
  {
    stage: 'data', key: 'data.itemsPerQuery', label: 'Items per query', kind: 'int', default: 0, min: 0, max: 20, group: 'Generator', generator: { path: ['itemsPerQuery'], codec: ZERO_UNSET },
    help: "0: the mode's default (rules 5; realistic 6-10). In realistic mode the most per query: each query gets from 4 fewer up to this many.",
  },
  { stage: 'data', key: 'data.oodMix', label: 'Pool OOD mix', kind: 'number', default: 0.3, ...SHARE, step: 0.05, group: 'Generator', generator: { path: ['oodMix'] }, help: 'Share of pool queries drawn from the shifted (OOD) distribution.' },
  {
    stage: 'data', key: 'data.poolExcludeShift', label: 'Shift the pool leaves out', kind: 'choice', default: 'none', group: 'Generator',
    options: [{ value: 'none', label: 'None (the pool has every shift)' }, ...SHIFT_TAGS.map((tag) => ({ value: tag, label: SHIFT_LABELS[tag] }))],
    generator: { path: ['poolExcludeShifts'], codec: sends(SHIFT_TAGS.map((tag) => [tag, [tag]] as const)) },
    help: "The pool's OOD part gets the other shifts only; the OOD test keeps this one, so it is a shift no pool label covers.",
  },
  ...SPLITS.map((split): SettingRow => ({ stage: 'data', key: `data.${split}`, label: SPLIT_LABELS[split]!, kind: 'int', default: DEFAULT_SIZES[split], ...ROWS, group: 'Examples per split', unit: 'examples', generator: { path: ['sizes', split] } })),
  ...SHIFT_TAGS.flatMap((tag): SettingRow[] => [
    { stage: 'data', key: `data.${tag}`, label: SHIFT_LABELS[tag], kind: 'bool', default: DEFAULT_SHIFTS[tag].enabled, group: 'OOD shifts', generator: { path: ['shifts', tag, 'enabled'] } },
    { stage: 'data', key: `data.${tag}.strength`, label: 'Strength', kind: 'number', default: DEFAULT_SHIFTS[tag].strength, ...SHARE, step: 0.05, group: 'OOD shifts', shownWhen: `data.${tag}`, generator: { path: ['shifts', tag, 'strength'] } },
  ]),
];

const MODEL: SettingRow[] = [
  { stage: 'model', key: 'model.preset', label: 'Preset', kind: 'choice', default: 'small', request: 'preset', options: [
    { value: 'nano', label: 'nano (36 K, seconds)' },
    { value: 'small', label: 'small (1.1 M, default)' },
    { value: 'base', label: 'base (5.8 M)' },
  ] },
  { stage: 'model', key: 'model.budget', label: 'Budget', kind: 'choice', default: 'demo', request: 'budget', options: [
    { value: 'demo', label: 'demo (about 2 minutes on 2 idle cores)' },
    { value: 'quick', label: 'quick (smoke test)' },
    { value: 'full', label: 'full (the recipe, about 15 minutes)' },
  ], help: "The pipeline's stage lengths and row caps; a stage setting you change overrides it." },
  { stage: 'model', key: 'model.seed', label: 'Initialisation seed', kind: 'int', default: 1, min: SEED.min, max: SEED.max, request: 'seed', training: ['seed'], help: 'Also the seed of the data order and dropout of each stage.' },
  { stage: 'model', key: 'model.dropout', label: 'Dropout', kind: 'number', default: 0, min: 0, max: 0.5, step: 0.05 },
  { stage: 'model', key: 'model.vocab', label: 'Tokenizer vocabulary', kind: 'int', default: 2048, min: VOCAB.min, max: VOCAB.max, unit: 'tokens', pipeline: { path: ['pretrain', 'vocabSize'] }, help: 'Tokens of a newly trained byte-level BPE tokenizer.' },
  { stage: 'model', key: 'model.lossEvery', label: 'Read the loss every (steps)', kind: 'int', default: DEFAULT_LOSS_EVERY, min: LOSS_EVERY.min, max: LOSS_EVERY.max, unit: 'steps', training: ['lossEvery'],
    help: 'Training stages bring the loss back from the device once per this many steps (and at the first and last step): each read makes the computer wait for the GPU to finish. The curve, the progress and the stop on a non-finite loss follow these reads; 1 reads every step.' },
];

const pre = SHOWN_DEFAULTS.pretrain;
const PRETRAIN_ON = { id: 'pretrain.enabled', is: true };
const PRETRAIN: SettingRow[] = [
  {
    stage: 'pretrain', key: 'pretrain.source', label: 'Pipeline model', kind: 'choice', default: 'shipped', pipeline: { path: ['pretrain', 'source'] },
    options: [{ value: 'shipped', label: 'Use the shipped model' }, { value: 'here', label: 'Pretrain here' }],
    help: 'For the pipeline. Shipped: the nano and small models come pretrained with the page (made by `npm run darl -- pretrain-shipped`, see the note above), so this stage finishes at once; their tokenizer is used as it is, also on your own data. Pretrain here: trains on this dataset\'s text with the settings below.',
  },
  { stage: 'pretrain', key: 'pretrain.enabled', label: 'Run pretraining', kind: 'bool', default: true, pipeline: { path: ['pretrain', 'length'], codec: sends([[false, { steps: 0 }]]) } },
  { stage: 'pretrain', key: 'pretrain.steps', label: 'Steps', kind: 'int', default: pre.steps, ...STEPS, unit: 'steps', shownWhen: 'pretrain.enabled', help: PRESET_NOTE, pipeline: { path: ['pretrain', 'length'], codec: lengthIn('steps'), when: PRETRAIN_ON }, training: ['steps'] },
  { stage: 'pretrain', key: 'pretrain.batch', label: 'Batch size', kind: 'int', default: pre.batchSize, ...BATCH, shownWhen: 'pretrain.enabled', pipeline: { path: ['pretrain', 'batchSize'] }, training: ['batchSize'] },
  { stage: 'pretrain', key: 'pretrain.lr', label: 'Learning rate', kind: 'number', default: pre.learningRate, ...LEARNING_RATE, step: 0.0001, shownWhen: 'pretrain.enabled', pipeline: { path: ['pretrain', 'learningRate'] }, training: ['learningRate'] },
  {
    stage: 'pretrain', key: 'pretrain.matchSignals', label: 'Match signals', kind: 'bool', default: pre.matchSignals, shownWhen: 'pretrain.enabled', pipeline: { path: ['pretrain', 'matchSignals'] },
    help: 'Tells the model which words of the query occur in the item and the other way round (exact, same stem, close spelling, WordNet synonym), and lets the classifier read the overlap. Off: the plain transformer, which learns little from a few thousand pairs.',
  },
  {
    stage: 'pretrain', key: 'pretrain.pairsWeight', label: 'Real-vs-shuffled pairs weight', kind: 'number', default: pre.pairsWeight, min: PAIRS_WEIGHT.min, max: PAIRS_WEIGHT.max, step: 1, shownWhen: 'pretrain.enabled', pipeline: { path: ['pretrain', 'pairsWeight'] },
    help: 'Beside predicting the next token, pretraining learns to tell a real query-item pair from the query with another item (no grades used). One decision counts as this many tokens; 0 turns it off.',
  },
  { stage: 'pretrain', key: 'pretrain.checkpointEvery', label: 'Checkpoint every (steps)', kind: 'int', default: pre.checkpointEvery, ...STEPS, unit: 'steps', shownWhen: 'pretrain.enabled', pipeline: { path: ['pretrain', 'checkpointEvery'] }, training: ['checkpointEvery'], help: 'Stored in this browser; a reload or a cancel loses at most this many steps.' },
];

const probe = SHOWN_DEFAULTS.probe;
const PROBE: SettingRow[] = [
  { stage: 'probe', key: 'probe.epochs', label: 'Epochs', kind: 'int', default: probe.epochs, ...EPOCHS, unit: 'epochs', help: PRESET_NOTE, pipeline: { path: ['probe', 'length'], codec: lengthIn('epochs') }, training: ['epochs'] },
  { stage: 'probe', key: 'probe.batch', label: 'Batch size', kind: 'int', default: probe.batchSize, ...BATCH, pipeline: { path: ['probe', 'batchSize'] }, training: ['batchSize'] },
  { stage: 'probe', key: 'probe.lr', label: 'Learning rate', kind: 'number', default: probe.learningRate, ...LEARNING_RATE, step: 0.0001, pipeline: { path: ['probe', 'learningRate'] }, training: ['learningRate'] },
  { stage: 'probe', key: 'probe.loss', label: 'Loss', kind: 'choice', default: 'occ', options: [{ value: 'occ', label: 'OCC (calibrated, ordinal)' }, { value: 'ce', label: 'Cross-entropy' }], pipeline: { path: ['probe', 'loss'], codec: sends([['ce', CROSS_ENTROPY]]) }, training: ['loss'] },
];

/** A count or share where the page's 0 stands for null in the settings (off, or: use the other setting). */
const ZERO_NULL: SettingCodec = {
  encode: (value) => (value === 0 ? null : value),
  decode: (setting) => (setting === null || setting === undefined ? { ok: true, value: 0 } : AS_IS.decode(setting)),
};
const K_FRACTION = { kind: 'number', default: 0, ...SHARE, step: 0.005 } as const;
const K_FRACTION_HELP = '0: k as set above. Otherwise k is this share of the ID train rows the detector is fitted on (at least 1), e.g. 0.01 gives 60 of 6,000.';

const dasa = SHOWN_DEFAULTS.dasa;
const DASA: SettingRow[] = [
  { stage: 'dasa', key: 'dasa.detector', label: 'Detectors', kind: 'choice', default: 'both', options: [
    { value: 'both', label: 'Mahalanobis + kNN' },
    { value: 'mahalanobis', label: 'Mahalanobis only' },
    { value: 'knn', label: 'kNN only' },
  ], pipeline: { path: ['dasa', 'weights'], codec: sends([['mahalanobis', { knn: 0 }], ['knn', { mahalanobis: 0 }]]) } },
  { stage: 'dasa', key: 'dasa.k', label: 'k (nearest neighbour)', kind: 'int', default: dasa.k, ...KNN_K, pipeline: { path: ['dasa', 'knnK'] } },
  { stage: 'dasa', key: 'dasa.kFraction', label: 'k as a share of the fit rows', ...K_FRACTION, pipeline: { path: ['dasa', 'knnKFraction'], codec: ZERO_NULL }, help: K_FRACTION_HELP },
  { stage: 'dasa', key: 'dasa.keep', label: 'ID kept at threshold', kind: 'number', default: dasa.quantile, min: 0.5, max: 0.999, step: 0.005, pipeline: { path: ['dasa', 'quantile'] }, help: 'The threshold is this quantile of the ID validation scores.' },
  { stage: 'dasa', key: 'dasa.budget', label: 'Budget (samples)', kind: 'int', default: 0, min: 0, max: 10_000, unit: 'samples', pipeline: { path: ['dasa', 'budget'] }, help: `0: ${Math.round(DEFAULT_BUDGET_FRACTION * 100)}% of the ID train size.` },
  { stage: 'dasa', key: 'dasa.maxCosine', label: 'Near-duplicate cosine', kind: 'number', default: dasa.maxCosine, min: 0.5, max: 1, step: 0.01, pipeline: { path: ['dasa', 'maxCosine'] }, help: 'A candidate this similar to an already selected sample is skipped.' },
  { stage: 'dasa', key: 'dasa.maxPerQuery', label: 'Most samples per query', kind: 'int', default: 0, min: 0, max: 20, unit: 'samples', pipeline: { path: ['dasa', 'maxPerQuery'], codec: ZERO_NULL }, help: '0: no cap. Otherwise a candidate is skipped once this many samples of its query are selected, so the labels spread over queries.' },
  { stage: 'dasa', key: 'dasa.holdoutBy', label: 'Hold-out for alpha by', kind: 'choice', default: 'sample', options: [{ value: 'sample', label: 'Sample' }, { value: 'query', label: 'Query' }], pipeline: { path: ['annotate', 'holdoutBy'] }, help: 'Query: the labelled samples that choose alpha share no query with those fine-tuned on.' },
  // The person's grades are not a page setting (the DASA screen keeps them); the request adds them.
  { stage: 'dasa', key: 'dasa.annotator', label: 'Annotator', kind: 'choice', default: 'oracle', options: [{ value: 'oracle', label: 'Oracle (gold grades)' }, { value: 'person', label: 'A person, in the lab' }],
    pipeline: { path: ['annotate', 'annotator'], codec: sends([['person', { kind: 'manual', grades: {} }]]) } },
];

const ft = SHOWN_DEFAULTS.finetune;
const occ = (field: keyof typeof ft.loss) => ({ pipeline: { path: ['finetune', 'loss', field] }, training: ['loss', field], default: ft.loss[field] as number, group: 'OCC loss' });
const FINETUNE: SettingRow[] = [
  { stage: 'finetune', key: 'finetune.epochs', label: 'Epochs', kind: 'int', default: ft.epochs, ...EPOCHS, unit: 'epochs', help: PRESET_NOTE, pipeline: { path: ['finetune', 'length'], codec: lengthIn('epochs') }, training: ['epochs'] },
  { stage: 'finetune', key: 'finetune.batch', label: 'Batch size', kind: 'int', default: ft.batchSize, ...BATCH, pipeline: { path: ['finetune', 'batchSize'] }, training: ['batchSize'] },
  { stage: 'finetune', key: 'finetune.lr', label: 'Learning rate', kind: 'number', default: ft.learningRate, ...LEARNING_RATE, step: 0.00001, pipeline: { path: ['finetune', 'learningRate'] }, training: ['learningRate'] },
  { stage: 'finetune', key: 'finetune.ordinal', label: 'Ordinal smoothing s', kind: 'number', ...SMOOTHING, step: 0.01, ...occ('ordinalSmoothing') },
  { stage: 'finetune', key: 'finetune.penalty', label: 'Confidence penalty beta', kind: 'number', ...SHARE, step: 0.01, ...occ('confidencePenalty') },
  { stage: 'finetune', key: 'finetune.occMarginWeight', label: 'Margin weight lambda', kind: 'number', min: 0, max: 2, step: 0.05, ...occ('marginWeight'), help: 'Weight of the adjacent-grade margin term (its margin m stays at the default).' },
  { stage: 'finetune', key: 'finetune.smoothing', label: 'Label smoothing eps', kind: 'number', ...SMOOTHING, step: 0.01, ...occ('labelSmoothing') },
];

const ALPHA_CHOICE = 'interpolate.choice';
const INTERPOLATE: SettingRow[] = [
  { stage: 'interpolate', key: 'interpolate.points', label: 'Sweep points', kind: 'int', default: SHOWN_DEFAULTS.interpolate.points, min: 2, max: 101, help: 'Alphas from 0 to 1 in even steps.', pipeline: { path: ['interpolate', 'alphas'], codec: EVEN_ALPHAS, when: { id: ALPHA_CHOICE, is: 'auto' } } },
  { stage: 'interpolate', key: ALPHA_CHOICE, label: 'Alpha', kind: 'choice', default: 'auto', options: [{ value: 'auto', label: 'Best on validation' }, { value: 'manual', label: 'Fixed' }] },
  { stage: 'interpolate', key: 'interpolate.alpha', label: 'Fixed alpha', kind: 'number', default: 0.5, ...SHARE, step: 0.05, help: 'Used when Alpha is Fixed: the sweep is this one alpha.', pipeline: { path: ['interpolate', 'alphas'], codec: ONE_ALPHA, when: { id: ALPHA_CHOICE, is: 'manual' } } },
];

const EVALUATE: SettingRow[] = [
  { stage: 'evaluate', key: 'evaluate.knn', label: 'kNN detector k', kind: 'int', default: SHOWN_DEFAULTS.evaluate.k, ...KNN_K, pipeline: { path: ['evaluate', 'knnK'] }, help: 'For the OOD detection table (fitted on ID train features of the final model).' },
  { stage: 'evaluate', key: 'evaluate.knnFraction', label: 'kNN k as a share of the fit rows', ...K_FRACTION, pipeline: { path: ['evaluate', 'knnKFraction'], codec: ZERO_NULL }, help: K_FRACTION_HELP },
];

const PLAYGROUND: SettingRow[] = [
  { stage: 'playground', key: 'playground.trainRows', label: 'ID train pairs to fit on', kind: 'int', default: 1000, min: 4, max: ROWS.max, help: 'A seeded sample when the train split is larger: the fit runs once per checkpoint and dataset.' },
  { stage: 'playground', key: 'playground.valRows', label: 'ID val pairs for percentiles', kind: 'int', default: 500, min: 1, max: ROWS.max },
];

export const SETTINGS_TABLE: readonly SettingRow[] = [...DATA, ...MODEL, ...PRETRAIN, ...PROBE, ...DASA, ...FINETUNE, ...INTERPOLATE, ...EVALUATE, ...PLAYGROUND];

export function stageSettingRows(stage: SettingStage): SettingRow[] {
  return SETTINGS_TABLE.filter((row) => row.stage === stage);
}

/** The codec of a binding (the value as it is when none is named). */
export const codecOf = (binding: { codec?: SettingCodec }): SettingCodec => binding.codec ?? AS_IS;
