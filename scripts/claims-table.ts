// One markdown table of the claims over several runs (e.g. two data seeds), from their report.json:
// each claim's mean difference, 95% paired-bootstrap interval and verdict per run, the t-interval
// over seeds beside it, and the overall verdict (shown only where every run shows it).
//
//   npx tsx scripts/claims-table.ts "data seed 1=OUT1/report.json" "data seed 2=OUT2/report.json"
import { readFileSync } from 'node:fs';
import type { ClaimResult } from '../src/core/experiment/paired-differences';
import type { ExperimentReport } from '../src/core/experiment/report';

const runs = process.argv.slice(2).map((arg) => {
  const at = arg.indexOf('=');
  if (at < 1) throw new Error(`give runs as LABEL=PATH/report.json, got "${arg}"`);
  const report = JSON.parse(readFileSync(arg.slice(at + 1), 'utf8')) as ExperimentReport;
  if (!report.claims) throw new Error(`${arg.slice(at + 1)} has no claims: run \`npm run darl -- report\` on its folder first`);
  return { label: arg.slice(0, at), report };
});

const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
const key = (claim: ClaimResult) => `${claim.text}\u0000${claim.metric}`;
const claims = new Map<string, ClaimResult>();
for (const { report } of runs) for (const claim of report.claims!) if (!claims.has(key(claim))) claims.set(key(claim), claim);

const cell = (claim: ClaimResult | undefined) =>
  claim ? `${signed(claim.mean)} [${signed(claim.low)}, ${signed(claim.high)}] ${claim.verdict}${claim.seedT ? ` (t: ${claim.seedT.verdict})` : ''}` : 'not run';

const header = ['claim', 'comparison', ...runs.map((run) => run.label), 'verdict'];
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map(() => '---').join(' | ')} |`);
for (const [id, claim] of claims) {
  const perRun = runs.map((run) => run.report.claims!.find((c) => key(c) === id));
  const ran = perRun.filter((c): c is ClaimResult => c !== undefined);
  const overall = ran.every((c) => c.verdict === 'shown')
    ? `shown on ${ran.length === 1 ? 'the one run' : `all ${ran.length} runs`}`
    : ran.some((c) => c.verdict === 'shown')
      ? `shown on ${ran.filter((c) => c.verdict === 'shown').length} of ${ran.length}`
      : ran.some((c) => c.verdict === 'opposite shown')
        ? `opposite shown on ${ran.filter((c) => c.verdict === 'opposite shown').length} of ${ran.length}`
        : 'not shown';
  const metric = (claim.metric === 'macro_f1' ? 'macro-F1' : claim.metric.toUpperCase()) + (claim.temperatureScaled ? ' after temperature scaling' : '');
  console.log(`| ${claim.text} | \`${claim.a}\` - \`${claim.b}\`, ${claim.split === 'test_ood' ? 'OOD' : 'ID'} ${metric} | ${perRun.map(cell).join(' | ')} | ${overall} |`);
}
