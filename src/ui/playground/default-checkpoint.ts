// Which stored checkpoint the playground scores with unless the person picks one: the method's end
// product first (the newest finished fine-tune or interpolated model), then a probe, then any.
import type { ModelCheckpointSummary } from '../../engine/model-types';

type Entry = Pick<ModelCheckpointSummary, 'id' | 'name' | 'stage' | 'state' | 'createdAt'>;

/** Interpolated weights have no training stage of their own; their id or name says what they are. */
export function isInterpolated(entry: Entry): boolean {
  return entry.stage === null && /interpol/i.test(`${entry.id} ${entry.name}`);
}

/** Checkpoints that can be scored: everything not being trained right now, newest first. */
export function scorableCheckpoints<T extends Entry>(checkpoints: readonly T[]): T[] {
  return checkpoints.filter((entry) => entry.state !== 'running').sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function defaultPlaygroundCheckpoint(checkpoints: readonly Entry[]): string | null {
  const finished = scorableCheckpoints(checkpoints).filter((entry) => entry.state === 'finished');
  const preferences: ((entry: Entry) => boolean)[] = [
    (entry) => entry.stage === 'finetune' || isInterpolated(entry),
    (entry) => entry.stage === 'probe',
    () => true,
  ];
  for (const preferred of preferences) {
    const found = finished.find(preferred);
    if (found) return found.id;
  }
  return scorableCheckpoints(checkpoints)[0]?.id ?? null;
}
