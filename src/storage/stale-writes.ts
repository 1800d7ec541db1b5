// Two tabs saving the same id: each save takes its generation when it starts, and generations only
// grow, so a committed manifest with a higher generation came from a save that started later. The
// older save must not replace it at its commit, however late it arrives.
import { StaleWriteError } from './errors';

/** Throws StaleWriteError inside the commit transaction when a later-started save already committed. */
export function refuseIfOvertaken(committed: { generation: number } | undefined, generation: number, what: string): void {
  if (!committed || committed.generation <= generation) return;
  throw new StaleWriteError(`Not saved: another save of ${what} started later and was stored first, so it is kept and this older one was dropped.`, {
    generation,
    committedGeneration: committed.generation,
  });
}
