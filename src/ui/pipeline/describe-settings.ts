// The settings the engine resolved for a pipeline stage, in one line: what the run really uses
// (the preset's defaults with the changed settings laid over them). Every setting of the settings
// table bound under the stage is named by its label, in table order; what no page setting holds
// (the preset, row caps, the held-out share) and the few settings said better in words are added here.
import type { PipelineSettings, PipelineStage } from '../../engine/pipeline-types';
import type { TrainingLength } from '../../core/pipeline/settings';
import { codecOf, SETTINGS_TABLE, type SettingRow } from '../../core/pipeline/settings-table';
import type { SettingValue } from '../../core/pipeline/settings-spec';
import type { OccConfig } from '../../core/training/step/occ-config';

const rows = (value: number | null, what: string) => (value === null ? `all ${what}` : `${value.toLocaleString('en')} ${what}`);
const number = (value: number) => (Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3))));
const length = (value: TrainingLength) => ('steps' in value ? `${value.steps} steps` : `${value.epochs} epoch${value.epochs === 1 ? '' : 's'}`);

/** Settings the stage's own words describe (below), not the generic "label value". */
const SAID_IN_WORDS = new Set(['pretrain.source', 'probe.loss', 'dasa.budget', 'dasa.annotator']);

/** "Learning rate" -> "learning rate", "k (nearest neighbour)" -> "k"; "ID kept" stays. */
function nameOf(row: SettingRow): string {
  const label = row.label.replace(/\s*\(.*\)$/, '');
  return /^[A-Z][A-Z]/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

function describeValue(row: SettingRow, value: SettingValue): string {
  if (row.kind === 'choice') return `${nameOf(row)}: ${row.options.find((option) => option.value === value)?.label ?? value}`;
  if (row.kind === 'bool') return `${nameOf(row)} ${value ? 'on' : 'off'}`;
  const shown = number(value as number);
  const unit = row.unit ? ` ${value === 1 ? row.unit.replace(/s$/, '') : row.unit}` : '';
  return nameOf(row).toLowerCase() === row.unit ? `${shown}${unit}` : `${nameOf(row)} ${shown}${unit}`;
}

function valueAt(settings: PipelineSettings, path: readonly string[]): unknown {
  let value: unknown = settings;
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** "label value" for every table setting bound under `root`; where several share a path, the one the value decodes to. */
function describeRows(settings: PipelineSettings, root: keyof PipelineSettings): string[] {
  const under = SETTINGS_TABLE.filter((row) => row.pipeline?.path[0] === root && !SAID_IN_WORDS.has(row.key));
  // The stage's own settings first (the Model stage's vocabulary comes after Pretrain's).
  const bound = [...under.filter((row) => row.stage === root), ...under.filter((row) => row.stage !== root)];
  const paths = [...new Set(bound.map((row) => row.pipeline!.path.join('.')))];
  return paths.flatMap((path) => {
    const sharing = bound.filter((row) => row.pipeline!.path.join('.') === path);
    const value = valueAt(settings, sharing[0]!.pipeline!.path);
    if (value === undefined) return [];
    for (const row of sharing) {
      const decoded = codecOf(row.pipeline!).decode(value);
      if (decoded.ok && typeof decoded.value === typeof row.default) return [describeValue(row, decoded.value)];
    }
    const choice = sharing.find((row) => row.kind === 'choice');
    if (choice) return [describeValue(choice, choice.default)];
    return [`${path.split('.').pop()} ${Array.isArray(value) ? value.join(', ') : JSON.stringify(value)}`];
  });
}

function loss(config: OccConfig): string {
  const parts: string[] = [];
  if (config.ordinalSmoothing > 0) parts.push(`ordinal ${config.ordinalSmoothing}`);
  if (config.confidencePenalty > 0) parts.push(`penalty ${config.confidencePenalty}`);
  if (config.marginWeight > 0) parts.push(`margin weight ${config.marginWeight}`);
  if (config.labelSmoothing > 0) parts.push(`smoothing ${config.labelSmoothing}`);
  if (config.logitNormTau !== null) parts.push(`LogitNorm ${config.logitNormTau}`);
  return parts.length === 0 ? 'cross-entropy' : `OCC (${parts.join(', ')})`;
}

export function describeStageSettings(stage: PipelineStage, settings: PipelineSettings): string {
  switch (stage) {
    case 'pretrain': {
      const p = settings.pretrain;
      if (p.source === 'shipped') return `the shipped ${p.preset} model and its tokenizer, as they are (nothing is trained here)`;
      if ('steps' in p.length && p.length.steps === 0) return `${p.preset} model, no pretraining`;
      const related = p.matchSignals && p.relatedWords === 'wordnet' ? ', WordNet synonyms' : '';
      return `${p.preset} model, ${describeRows(settings, 'pretrain').join(', ')}${related}`;
    }
    case 'probe': {
      const p = settings.probe;
      if (!p) return 'no probe (fine-tuning starts from the pretrained model)';
      return `${describeRows(settings, 'probe').join(', ')}, ${loss(p.loss)}, on ${rows(p.trainRows, 'ID train rows')}`;
    }
    case 'finetune': {
      const f = settings.finetune;
      const logitNorm = f.loss.logitNormTau === null ? '' : `, LogitNorm ${f.loss.logitNormTau}`;
      return `${describeRows(settings, 'finetune').join(', ')}${logitNorm}, on ${rows(f.trainRows, 'ID train rows')} plus the annotated DASA samples`;
    }
    case 'dasa':
    case 'annotate': {
      const d = settings.dasa;
      const budget = d.budget === null ? `${number(d.budgetFraction * 100)}% of ID train` : `${d.budget} samples`;
      const annotator = settings.annotate.annotator.kind === 'manual' ? 'grades from a person' : `the ${settings.annotate.annotator.kind} annotator`;
      return `${describeRows(settings, 'dasa').join(', ')}, budget ${budget}; ${annotator}, ${number(settings.annotate.holdoutFraction * 100)}% held out for alpha`;
    }
    case 'random-select':
      return `as many pool samples as DASA selected, at random (seed ${settings.randomSelect.seed})`;
    case 'baseline-select':
      return `as many pool samples as DASA selected, by ${settings.selection}`;
    case 'interpolate': {
      const i = settings.interpolate;
      return i ? `${describeRows(settings, 'interpolate').join(', ')} on ${rows(i.valRows, 'ID val rows')} plus the held-out DASA samples` : 'no interpolation';
    }
    case 'evaluate': {
      const e = settings.evaluate;
      return `${rows(e.testRows, 'test rows')} of each test split; Mahalanobis and kNN fitted on ${rows(e.fitRows, 'ID train rows')} (${describeRows(settings, 'evaluate').join(', ')})`;
    }
  }
}
