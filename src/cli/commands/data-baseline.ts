// `npm run darl -- data baseline --data DIR [--epochs E] [--buckets B] [--seed S] [--classifier gradient-boosting|softmax-regression] [--json]`:
// trains both classical baselines on DIR/train.jsonl (only) and prints macro-F1 on DIR/test_id.jsonl
// and DIR/test_ood.jsonl, and their gap: the bag-of-words baseline (bag-of-words.ts; --epochs,
// --buckets, --seed are its options) and the overlap baseline (overlap-model.ts; --classifier).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_BAG_OF_WORDS_OPTIONS, scoreModel, trainBagOfWords, type ShiftReport } from '../../core/baseline/bag-of-words';
import { OVERLAP_CLASSIFIERS, trainOverlapModel, type OverlapClassifier } from '../../core/baseline/overlap-model';
import type { Example, Grade } from '../../core/data/schema';
import type { ClassificationReport } from '../../core/metrics/classification';
import { examplesFromJsonl } from '../../core/data/jsonl';
import { CliUsageError, numberFlag, stringFlag, type CliCommand, type ParsedArgs } from '../args';

export interface BaselineShift extends ShiftReport {
  /** Seconds to fit on train. */
  fitSeconds: number;
}

export interface BaselinesReport {
  bagOfWords: BaselineShift;
  overlap: BaselineShift & { classifier: OverlapClassifier };
}

interface Classifier {
  predict(query: string, item: Example['item']): Grade;
}

function shift(fit: () => Classifier, testId: readonly Example[], testOod: readonly Example[]): BaselineShift {
  const started = performance.now();
  const model = fit();
  const fitSeconds = (performance.now() - started) / 1000;
  const id = scoreModel(model, testId, 'test_id');
  const ood = scoreModel(model, testOod, 'test_ood');
  return { id, ood, macroF1Gap: id.macroF1 - ood.macroF1, fitSeconds };
}

export async function runBaseline(args: ParsedArgs): Promise<BaselinesReport> {
  const dir = stringFlag(args, 'data');
  const classifier = stringFlag(args, 'classifier', 'gradient-boosting') as OverlapClassifier;
  if (!OVERLAP_CLASSIFIERS.includes(classifier)) throw new CliUsageError(`--classifier must be one of ${OVERLAP_CLASSIFIERS.join(', ')}, got "${classifier}"`);
  const load = async (name: string) => examplesFromJsonl(await readFile(join(dir, name), 'utf8'), join(dir, name));
  const [train, testId, testOod] = await Promise.all([load('train.jsonl'), load('test_id.jsonl'), load('test_ood.jsonl')]);
  const bagOfWordsOptions = {
    epochs: numberFlag(args, 'epochs', DEFAULT_BAG_OF_WORDS_OPTIONS.epochs),
    buckets: numberFlag(args, 'buckets', DEFAULT_BAG_OF_WORDS_OPTIONS.buckets),
    seed: numberFlag(args, 'seed', DEFAULT_BAG_OF_WORDS_OPTIONS.seed),
  };
  return {
    bagOfWords: shift(() => trainBagOfWords(train, bagOfWordsOptions), testId, testOod),
    overlap: { ...shift(() => trainOverlapModel(train, { classifier }), testId, testOod), classifier },
  };
}

function line(name: string, report: ClassificationReport): string {
  const f1 = report.perClass.map((c) => c.f1.toFixed(3)).join(' / ');
  return `  ${name.padEnd(9)} macro-F1 ${report.macroF1.toFixed(3)}  accuracy ${report.accuracy.toFixed(3)}  F1 0/1/2 ${f1}  (n=${report.count})`;
}

function block(title: string, report: BaselineShift): string[] {
  return [title, line('test_id', report.id), line('test_ood', report.ood), `  gap (ID - OOD macro-F1) ${report.macroF1Gap.toFixed(3)}  (fit on train ${report.fitSeconds.toFixed(1)} s)`];
}

const summary = (report: ShiftReport) => ({ idMacroF1: report.id.macroF1, oodMacroF1: report.ood.macroF1, gap: report.macroF1Gap });

const command: CliCommand = {
  summary: 'train the bag-of-words and overlap baselines on a data folder and print their ID and OOD macro-F1',
  async run(args) {
    const report = await runBaseline(args);
    if (args.flags.json === true) {
      // The top-level fields are the bag-of-words baseline's, as before the overlap baseline came.
      console.log(JSON.stringify({ ...summary(report.bagOfWords), overlap: { ...summary(report.overlap), classifier: report.overlap.classifier } }));
      return 0;
    }
    for (const text of [
      ...block('bag-of-words baseline (hashed words, softmax regression)', report.bagOfWords),
      ...block(`overlap baseline (word matches, BM25, trigrams, numbers; ${report.overlap.classifier})`, report.overlap),
    ]) console.log(text);
    return 0;
  },
};

export default command;
