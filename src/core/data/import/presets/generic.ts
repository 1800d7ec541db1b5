// Any CSV, TSV or JSONL file with an explicit column mapping. Labels are grades 0/1/2 unless
// --labels names categories or --thresholds cuts a numeric score.
import { checkScoreRule, NUMERIC_GRADES, type LabelRule } from '../labels';
import { completeMapping, requiredColumns } from '../mapping';
import { formatFromName } from '../table';
import { presetPlan, type Preset, type PresetPlan } from './preset';
import { singleTableRows } from './single-table';

export const genericPreset: Preset = {
  name: 'csv',
  summary: 'any CSV/TSV/JSONL file with --map query=...,title=...,label=... (labels 0/1/2, --labels or --thresholds)',
  roles: [{ role: 'data', required: true, pattern: /./, expected: 'one or more CSV, TSV or JSONL files' }],
  primaryRole: 'data',

  plan(options): PresetPlan {
    const mapping = completeMapping(options.mapping ?? {});
    let labelRule: LabelRule;
    if (options.thresholds) {
      labelRule = { kind: 'scores', thresholds: options.thresholds, range: options.scoreRange ?? null };
      checkScoreRule(labelRule);
    } else {
      labelRule = { kind: 'categories', map: { ...(options.labels ?? NUMERIC_GRADES) } };
    }
    const encoding = options.encoding ?? 'utf-8';
    return presetPlan(options, mapping, labelRule, encoding, { encoding, format: options.format ?? null, delimiter: options.delimiter ?? null });
  },

  rows(files, plan, context) {
    const format = plan.settings.format as 'csv' | 'tsv' | 'jsonl' | null;
    const delimiter = (plan.settings.delimiter as string | null) ?? undefined;
    const required = requiredColumns(plan.mapping);
    return singleTableRows(files.data, (source) => ({ format: format ?? formatFromName(source.name), delimiter, requiredColumns: required }), plan, context);
  },
};
