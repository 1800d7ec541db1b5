// `npm run darl -- <command> [options]`: the lab's command line, driving the same core as the app.
import { parseArgs, type CliCommand } from './args';

// Each command lives in its own file under ./commands and is loaded on demand.
const COMMANDS: Record<string, () => Promise<{ default: CliCommand }>> = {
  'data generate': () => import('./commands/data-generate'),
  'data baseline': () => import('./commands/data-baseline'),
  'data import': () => import('./commands/data-import'),
  'data check': () => import('./commands/data-check'),
  train: () => import('./commands/train'),
  score: () => import('./commands/score'),
  export: () => import('./commands/export'),
  'tokenizer train': () => import('./commands/tokenizer-train'),
  'check-lm': () => import('./commands/check-lm'),
  run: () => import('./commands/run'),
  merge: () => import('./commands/merge'),
  report: () => import('./commands/report'),
  'pretrain-shipped': () => import('./commands/pretrain-shipped'),
};

function usage(): string {
  const names = Object.keys(COMMANDS).sort();
  return `usage: npm run darl -- <command> [options]\ncommands:\n${names.map((name) => `  ${name}`).join('\n')}`;
}

async function main(argv: string[]): Promise<number> {
  // Commands are one or two words ("data generate", "train").
  const two = argv.slice(0, 2).join(' ');
  const name = COMMANDS[two] ? two : argv[0];
  if (!name || !COMMANDS[name]) {
    console.error(name ? `unknown command: ${argv.slice(0, 2).join(' ')}\n${usage()}` : usage());
    return 2;
  }
  const rest = argv.slice(name.split(' ').length);
  const command = (await COMMANDS[name]()).default;
  return command.run(parseArgs(rest));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? `error: ${error.message}` : `error: ${String(error)}`);
    process.exit(1);
  },
);
