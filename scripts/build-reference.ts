// Writes the reference run the Evaluate screen shows (public/reference/small-3seeds.json) from an
// experiment report (docs/results/.../report.json), keeping what the page needs: each variant's test
// metrics per seed, the baselines, and how the run was made. Run it again whenever the report is re-run:
//
//   npm run reference -- docs/results/small-3seeds/report.json \
//     --command "npm run darl -- data generate --seed 1 --out DATA" \
//     --command "npm run darl -- run --data DATA --out OUT --preset small --seeds 1,2,3 --jobs 3" \
//     --machine "2 cores (AMD EPYC), Node 20, tfjs-wasm 4.22, one training thread per process"
//
// --command (repeatable, one line each) defaults to a `run` line rebuilt from the report's config;
// --machine defaults to a description of the machine running this script; --out to the path above.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { referenceRunFromReport } from '../src/core/experiment/reference-run';

const DEFAULT_REFERENCE_OUT = 'public/reference/small-3seeds.json';

function thisMachine(): string {
  const processors = cpus();
  return `${processors.length} cores (${processors[0]?.model.trim() ?? 'unknown processor'}), Node ${process.versions.node.split('.')[0]}`;
}

function main(argv: string[]): void {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string', default: DEFAULT_REFERENCE_OUT }, command: { type: 'string', multiple: true }, machine: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new Error('usage: npm run reference -- REPORT.json [--out FILE] [--command LINE]... [--machine TEXT]');
  const source = positionals[0];
  const report: unknown = JSON.parse(readFileSync(source, 'utf8'));
  if (!values.machine) console.warn(`--machine not given: describing this machine (${thisMachine()}).`);
  const reference = referenceRunFromReport(report, source, { command: values.command, machine: values.machine ?? thisMachine() });
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, `${JSON.stringify(reference, null, 2)}\n`);
  console.info(`${values.out}: ${reference.variants.length} variants, seeds ${reference.seeds.join(', ')}, ${reference.baselines.length} baselines, budget ${reference.budget}.`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
