// `npm run darl -- data baseline --data DIR`: trains the bag-of-words baseline on DIR/train.jsonl
// and prints macro-F1 on DIR/test_id.jsonl and DIR/test_ood.jsonl, and their gap.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_BAG_OF_WORDS_OPTIONS, measureShift, type ShiftReport } from '../../core/baseline/bag-of-words';
import type { ClassificationReport } from '../../core/metrics/classification';
import { examplesFromJsonl } from '../../core/data/jsonl';
import { numberFlag, stringFlag, type CliCommand, type ParsedArgs } from '../args';

export async function runBaseline(args: ParsedArgs): Promise<ShiftReport> {
  const dir = stringFlag(args, 'data');
  const load = async (name: string) => examplesFromJsonl(await readFile(join(dir, name), 'utf8'), join(dir, name));
  const [train, testId, testOod] = await Promise.all([load('train.jsonl'), load('test_id.jsonl'), load('test_ood.jsonl')]);
  return measureShift(train, testId, testOod, {
    epochs: numberFlag(args, 'epochs', DEFAULT_BAG_OF_WORDS_OPTIONS.epochs),
    buckets: numberFlag(args, 'buckets', DEFAULT_BAG_OF_WORDS_OPTIONS.buckets),
    seed: numberFlag(args, 'seed', DEFAULT_BAG_OF_WORDS_OPTIONS.seed),
  });
}

function line(name: string, report: ClassificationReport): string {
  const f1 = report.perClass.map((c) => c.f1.toFixed(3)).join(' / ');
  return `${name.padEnd(9)} macro-F1 ${report.macroF1.toFixed(3)}  accuracy ${report.accuracy.toFixed(3)}  F1 0/1/2 ${f1}  (n=${report.count})`;
}

const command: CliCommand = {
  summary: 'train the bag-of-words baseline on a generated folder and print ID and OOD macro-F1',
  async run(args) {
    const report = await runBaseline(args);
    if (args.flags.json === true) {
      console.log(JSON.stringify({ idMacroF1: report.id.macroF1, oodMacroF1: report.ood.macroF1, gap: report.macroF1Gap }));
      return 0;
    }
    console.log(line('test_id', report.id));
    console.log(line('test_ood', report.ood));
    console.log(`gap (ID - OOD macro-F1) ${report.macroF1Gap.toFixed(3)}`);
    return 0;
  },
};

export default command;
