// `npm run darl -- merge --out DIR [--data DATA] RUN_DIR RUN_DIR...`: one report from `run` outputs of
// the same experiment over different seeds (made one after another, at the same time, or on other
// machines). Writes DIR/report.json, DIR/report.md and DIR/predictions/; the inputs are left as they
// are. With --data, the paired bootstrap intervals and claims are computed for the merged seeds
// (as `report` does); without it the merged report has none.
import { CliUsageError, stringFlag, type CliCommand, type ParsedArgs } from '../args';
import { writeMergedOutputs } from './merge-outputs';
import { rewriteReport } from './report';
import { logSummary } from './run';
import type { ExperimentReport } from '../../core/experiment/report';

export async function runMerge(args: ParsedArgs, log: (line: string) => void = console.log): Promise<ExperimentReport> {
  const out = stringFlag(args, 'out');
  if (args.positional.length < 2) throw new CliUsageError('merge needs at least two run output folders after the options');
  const merged = await writeMergedOutputs(out, args.positional);
  const report = args.flags.data === undefined ? merged : await rewriteReport(out, stringFlag(args, 'data'));
  if (args.flags.data === undefined) log(`no --data: no paired intervals or claims; add them with npm run darl -- report --data DATA --out ${out}`);
  log(`merged ${args.positional.length} runs: seeds ${report.config.seeds.join(', ')}`);
  logSummary(report, out, log);
  return report;
}

const command: CliCommand = {
  summary: 'merge run outputs of the same experiment over different seeds into one report',
  async run(args) {
    await runMerge(args);
    return 0;
  },
};

export default command;
