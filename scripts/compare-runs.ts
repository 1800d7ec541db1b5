// Paired bootstrap between variants of two runs on the same data and model seeds (e.g. darl from one
// run against ce-ft fine-tuned longer in another): the runs' predictions are joined as if one run
// held both, so the same intervals, claims and t-intervals as `darl report` come out.
//
//   npx tsx scripts/compare-runs.ts --data DIR --a darl=RUN_A --b ce-ft=RUN_B
// Each side names a variant and the run folder holding its predictions; the seeds are those both ran.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { withPairedDifferences } from '../src/core/experiment/paired-differences';
import { isVariant } from '../src/core/experiment/variants';
import { predictionPath } from '../src/core/experiment/predictions';
import type { ExperimentReport } from '../src/core/experiment/report';
import type { TestSplit } from '../src/core/pipeline/stages/evaluate';
import { readPredictions } from '../src/cli/commands/report';
import { readReport } from '../src/cli/commands/merge-outputs';
import { readSplit } from '../src/engine/node-host-files';

const { values } = parseArgs({ options: { data: { type: 'string' }, a: { type: 'string' }, b: { type: 'string' } } });
const side = (text: string | undefined, flag: string) => {
  const at = text?.indexOf('=') ?? -1;
  if (!text || at < 1) throw new Error(`give --${flag} VARIANT=RUN_FOLDER`);
  const variant = text.slice(0, at);
  if (!isVariant(variant)) throw new Error(`--${flag}: "${variant}" is not a variant`);
  return { variant, out: text.slice(at + 1) };
};
type Variant = ExperimentReport['config']['variants'][number];
const a = side(values.a, 'a');
const b = side(values.b, 'b');
if (a.variant === b.variant) throw new Error('the two sides must name different variants (the joined report keys on the name)');

const [reportA, reportB] = await Promise.all([readReport(a.out), readReport(b.out)]);
const seeds = reportA.config.seeds.filter((seed) => reportB.config.seeds.includes(seed));
const only = (report: ExperimentReport, variant: Variant): ExperimentReport => ({ ...report, config: { ...report.config, variants: [variant], seeds } });
const [filesA, filesB] = await Promise.all([readPredictions(a.out, only(reportA, a.variant)), readPredictions(b.out, only(reportB, b.variant))]);
const joined = {
  ...reportA,
  config: { ...reportA.config, variants: [b.variant, a.variant], seeds },
  results: { [a.variant]: reportA.results[a.variant], [b.variant]: reportB.results[b.variant] },
} as ExperimentReport;
const [test_id, test_ood] = await Promise.all([readSplit(values.data!, 'test_id'), readSplit(values.data!, 'test_ood')]);
const read = (variant: string, seed: string, split: TestSplit) => (variant === a.variant ? filesA : filesB).get(predictionPath(variant, seed, split))!;
const out = withPairedDifferences(joined, { test_id, test_ood }, read);
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
console.log(`${a.variant} (${a.out}) - ${b.variant} (${b.out}), seeds ${seeds.join(',')}:`);
for (const d of out.pairedDifferences ?? []) {
  if (d.a !== a.variant && d.b !== a.variant) continue;
  const sign = d.a === a.variant ? 1 : -1;
  const [low, high] = sign === 1 ? [d.low, d.high] : [-d.high, -d.low];
  console.log(`  ${d.split} ${d.metric}: ${signed(sign * d.mean)} [${signed(low)}, ${signed(high)}]`);
}
for (const claim of out.claims ?? []) console.log(`  claim "${claim.text}": ${claim.verdict}${claim.seedT ? ` (t over seeds ${signed(claim.seedT.low)}..${signed(claim.seedT.high)}: ${claim.seedT.verdict})` : ''}`);
console.log(`  (${join(a.out, 'report.json')} and ${join(b.out, 'report.json')} joined; ${out.pairedDifferences?.[0]?.replicates ?? 0} replicates)`);
