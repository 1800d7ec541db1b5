// `--threads`: data-parallel training threads for the command line (src/core/parallel). The
// default shares the machine's logical cores between the processes a command runs at once
// (`run --jobs`), capped like the page's (defaultTrainingThreads). The engine's init() starts them.
import { availableParallelism } from 'node:os';
import { defaultTrainingThreads, MAX_TRAINING_THREADS } from '../../core/backend/policy';
import { CliUsageError, numberFlag, type ParsedArgs } from '../args';

/** Threads each of `processes` processes gets when --threads is not given. */
export function defaultCliThreads(backend: string, processes = 1): number {
  return defaultTrainingThreads({ backend, logicalCores: availableParallelism(), jobs: processes });
}

export function threadsFlag(args: ParsedArgs, backend: string, processes = 1): number {
  const threads = numberFlag(args, 'threads', defaultCliThreads(backend, processes));
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_TRAINING_THREADS) {
    throw new CliUsageError(`--threads must be a whole number from 1 to ${MAX_TRAINING_THREADS}, got "${String(args.flags.threads)}"`);
  }
  return threads;
}
