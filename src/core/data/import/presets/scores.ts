// Averaged rater scores, e.g. Home Depot's train.csv (id, product_uid, product_title, search_term,
// relevance 1.0-3.0, Latin-1): the score is cut into grades by two thresholds the user sees.
// An optional product_descriptions.csv (product_uid, product_description) adds item text.
import { checkScoreRule, optionError, type LabelRule } from '../labels';
import { loadLookup } from '../lookup-table';
import type { ColumnMapping } from '../mapping';
import { formatFromName } from '../table';
import { presetPlan, type Preset, type PresetPlan } from './preset';
import { singleTableRows } from './single-table';

export const DEFAULT_THRESHOLDS: [number, number] = [1.67, 2.34];
export const DEFAULT_SCORE_RANGE: [number, number] = [1, 3];
const DESCRIPTION = 'product_description';

const DEFAULT_MAPPING: ColumnMapping = {
  query: 'search_term',
  title: 'product_title',
  label: 'relevance',
  id: 'id',
  itemId: 'product_uid',
  text: [],
  group: [],
};

export const scoresPreset: Preset = {
  name: 'scores',
  summary: "averaged rater scores (Home Depot's train.csv: search_term, product_title, relevance 1-3, Latin-1) cut into grades by thresholds",
  roles: [
    { role: 'scores', required: true, pattern: /(train|score|relevance)[^\\/]*$/i, expected: 'the scored pairs (e.g. train.csv)' },
    { role: 'descriptions', required: false, pattern: /descr[^\\/]*$/i, expected: 'product_descriptions.csv (product_uid, product_description)' },
  ],
  primaryRole: 'scores',

  plan(options): PresetPlan {
    if (options.labels) throw optionError('--labels', 'the scores preset grades numeric scores; use --thresholds T1,T2 (and --score-range MIN,MAX)');
    const mapping: ColumnMapping = { ...DEFAULT_MAPPING, ...options.mapping };
    const labelRule: LabelRule = { kind: 'scores', thresholds: options.thresholds ?? DEFAULT_THRESHOLDS, range: options.scoreRange ?? DEFAULT_SCORE_RANGE };
    checkScoreRule(labelRule);
    const encoding = options.encoding ?? 'latin1';
    return presetPlan(options, mapping, labelRule, encoding, { thresholds: labelRule.thresholds, scoreRange: labelRule.range, encoding });
  },

  async *rows(files, plan, context) {
    const m = plan.mapping;
    const required = [m.query, m.title, m.label, ...m.text, ...m.group];
    const descriptions = files.descriptions?.length && m.itemId
      ? await loadLookup(files.descriptions, { table: { format: 'csv', requiredColumns: [DESCRIPTION] }, keyColumns: [m.itemId], keep: [DESCRIPTION] }, context.policy, context.decode)
      : undefined;
    yield* singleTableRows(
      files.scores,
      (source) => ({ format: formatFromName(source.name) === 'tsv' ? 'tsv' : 'csv', requiredColumns: required }),
      plan,
      context,
      descriptions ? { table: descriptions, columns: [DESCRIPTION] } : undefined,
    );
  },
};
