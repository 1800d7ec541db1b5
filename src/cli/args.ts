// Minimal `--flag value` / `--flag` / positional argument parsing for the CLI commands.

export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | true>;
}

export interface CliCommand {
  /** One line shown in help. */
  summary: string;
  /** Returns the process exit status. */
  run(args: ParsedArgs): Promise<number>;
}

export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq > 0) {
        flags[arg.slice(2, eq)] = arg.slice(eq + 1);
      } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
        flags[arg.slice(2)] = argv[++i];
      } else {
        flags[arg.slice(2)] = true;
      }
    } else {
      positional.push(arg);
    }
  }
  return { positional, flags };
}

export function stringFlag(args: ParsedArgs, name: string, fallback?: string): string {
  const value = args.flags[name];
  if (typeof value === 'string') return value;
  if (value === true) throw new CliUsageError(`--${name} needs a value`);
  if (fallback !== undefined) return fallback;
  throw new CliUsageError(`missing required option --${name}`);
}

export function numberFlag(args: ParsedArgs, name: string, fallback?: number): number {
  const raw = args.flags[name];
  if (raw === undefined && fallback !== undefined) return fallback;
  const text = stringFlag(args, name);
  const value = Number(text);
  if (!Number.isFinite(value)) throw new CliUsageError(`--${name} must be a number, got "${text}"`);
  return value;
}
