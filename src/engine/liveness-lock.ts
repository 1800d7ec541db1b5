// Whether a worker is alive, seen from the page without asking the worker (which may be busy for
// seconds in one step): the worker holds a Web Lock named after itself for as long as it lives and
// says so; the page then queues for the same lock, which the browser grants the moment the worker
// dies, whatever killed it (an out-of-memory kill, self.close(), a crash). No tfjs, no DOM.

/** The worker's message saying it holds its lock; Comlink ignores messages without an id. */
export interface LivenessAnnouncement {
  livenessLock: string;
}

function lockManager(): LockManager | undefined {
  return (globalThis as { navigator?: Navigator }).navigator?.locks ?? undefined;
}

/** Worker side: holds the lock `name` until the worker ends, then announces it. No-op without Web Locks. */
export function holdLivenessLock(name: string, announce: (message: LivenessAnnouncement) => void): void {
  const locks = lockManager();
  if (!locks || !name) return;
  void locks.request(name, () => {
    announce({ livenessLock: name });
    return new Promise<never>(() => undefined);
  });
}

export function isLivenessAnnouncement(data: unknown, name: string): boolean {
  return typeof data === 'object' && data !== null && (data as Partial<LivenessAnnouncement>).livenessLock === name;
}

/** Page side: resolves when the lock's holder is gone; never, after `signal` aborts or without Web Locks. */
export function whenLockHolderDies(name: string, signal: AbortSignal): Promise<void> {
  const locks = lockManager();
  if (!locks) return new Promise(() => undefined);
  return locks.request(name, { signal }, () => undefined).then(
    () => undefined,
    () => new Promise<void>(() => undefined), // aborted: the page ended the worker itself
  );
}
