// `npm run darl -- report --data DIR --out OUT [--replicates N] [--seed S]`
// Recomputes an existing run's paired bootstrap intervals and claims (src/core/experiment/
// paired-differences.ts) from OUT/report.json and OUT/predictions/<variant>/seed<N>/<split>.jsonl
// joined to DIR's test splits, and rewrites OUT/report.json and OUT/report.md in place. `run` and
// `run --jobs` end with the same code. Each file is written beside its target and renamed over it.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BOOTSTRAP_REPLICATES, BOOTSTRAP_SEED } from '../../core/experiment/bootstrap';
import { withPairedDifferences, type BootstrapOptions } from '../../core/experiment/paired-differences';
import { predictionPath } from '../../core/experiment/predictions';
import type { ExperimentReport } from '../../core/experiment/report';
import { reportMarkdown } from '../../core/experiment/report-md';
import { TEST_SPLITS, type TestSplit } from '../../core/pipeline/stages/evaluate';
import type { Prediction } from '../../core/pipeline/stages/predict';
import { readSplit } from '../../engine/node-host-files';
import { CliUsageError, numberFlag, type CliCommand, type ParsedArgs, stringFlag } from '../args';
import { formatSeconds } from './format-seconds';
import { readReport } from './merge-outputs';

/** A predictions file the report needs is absent or unreadable. */
export class MissingPredictionsError extends CliUsageError {
  override name = 'MissingPredictionsError';
}

function parsePredictions(text: string, path: string): Prediction[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        const row = JSON.parse(line) as Prediction;
        if (typeof row.id !== 'string' || !Array.isArray(row.probs)) throw new Error('needs "id", "label" and "probs"');
        return row;
      } catch (error) {
        throw new MissingPredictionsError(`${path} line ${i + 1} is not a prediction row: ${(error as Error).message}`);
      }
    });
}

export async function readPredictions(out: string, report: ExperimentReport): Promise<Map<string, { predictions: Prediction[]; source: string }>> {
  const files = new Map<string, { predictions: Prediction[]; source: string }>();
  for (const variant of report.config.variants) {
    for (const seed of report.config.seeds) {
      for (const split of TEST_SPLITS) {
        const path = join(out, predictionPath(variant, seed, split));
        let text: string;
        try {
          text = await readFile(path, 'utf8');
        } catch (error) {
          throw new MissingPredictionsError(`${path} is missing or unreadable (${(error as Error).message}): report.json names ${variant} seed ${seed}, whose ${split} predictions the intervals need`);
        }
        files.set(predictionPath(variant, seed, split), { predictions: parsePredictions(text, path), source: path });
      }
    }
  }
  return files;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, path);
}

/** Recomputes OUT's pairedDifferences and claims against the test splits in `dataDir`; rewrites report.json and report.md. */
export async function rewriteReport(out: string, dataDir: string, options: BootstrapOptions = {}): Promise<ExperimentReport> {
  const report = await readReport(out);
  const [test_id, test_ood] = await Promise.all([readSplit(dataDir, 'test_id'), readSplit(dataDir, 'test_ood')]);
  const files = await readPredictions(out, report);
  const read = (variant: string, seed: string, split: TestSplit) => files.get(predictionPath(variant, seed, split))!;
  const updated = withPairedDifferences(report, { test_id, test_ood }, read, options);
  await writeAtomically(join(out, 'report.json'), `${JSON.stringify(updated, null, 2)}\n`);
  await writeAtomically(join(out, 'report.md'), reportMarkdown(updated));
  return updated;
}

function wholeFlag(args: ParsedArgs, name: string, fallback: number, least: number): number {
  const value = numberFlag(args, name, fallback);
  if (!Number.isInteger(value) || value < least) throw new CliUsageError(`--${name} must be a whole number of at least ${least}, got "${String(args.flags[name])}"`);
  return value;
}

export async function runReport(args: ParsedArgs, log: (line: string) => void = console.log): Promise<ExperimentReport> {
  const started = performance.now();
  const out = stringFlag(args, 'out');
  const data = stringFlag(args, 'data');
  const replicates = wholeFlag(args, 'replicates', BOOTSTRAP_REPLICATES, 100);
  const seed = wholeFlag(args, 'seed', BOOTSTRAP_SEED, 0);
  const report = await rewriteReport(out, data, { replicates, seed });
  for (const claim of report.claims ?? []) {
    log(`${claim.verdict.padEnd(14)} ${claim.a} - ${claim.b} ${claim.split} ${claim.metric}: ${claim.mean.toFixed(3)} [${claim.low.toFixed(3)}, ${claim.high.toFixed(3)}]  ${claim.text}`);
  }
  log(`rewrote ${join(out, 'report.json')} and report.md: ${report.pairedDifferences?.length ?? 0} paired differences, ${report.claims?.length ?? 0} claims, ${replicates} replicates, in ${formatSeconds((performance.now() - started) / 1000)}`);
  return report;
}

const command: CliCommand = {
  summary: "recompute a run's paired bootstrap intervals and claims table from its predictions and rewrite report.json and report.md",
  async run(args) {
    await runReport(args);
    return 0;
  },
};

export default command;
