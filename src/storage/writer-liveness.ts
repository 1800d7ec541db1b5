// Who is still writing. A writer takes a token before it allocates a generation and holds it until
// the write ends: as a Web Lock (released by the browser when the tab dies, visible to every tab of
// the origin) and in this context's own set (for Node and browsers without navigator.locks).
// Orphan collection leaves alone the generations of writers whose token is still held.

const localWriters = new Set<string>();

export interface WriterToken {
  token: string;
  release(): void;
}

function lockManager(): LockManager | undefined {
  return (globalThis as { navigator?: Navigator }).navigator?.locks ?? undefined;
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16)); // an identifier, not an experiment's random choice
  return `relevance-lab-write:${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

export async function acquireWriterToken(): Promise<WriterToken> {
  const token = randomToken();
  localWriters.add(token);
  const locks = lockManager();
  if (!locks) return { token, release: () => localWriters.delete(token) };
  let unlock!: () => void;
  const held = new Promise<void>((resolve) => (unlock = resolve));
  await new Promise<void>((acquired, failed) => {
    locks
      .request(token, () => {
        acquired();
        return held;
      })
      .catch(failed);
  });
  return {
    token,
    release() {
      localWriters.delete(token);
      unlock();
    },
  };
}

/** Tokens held right now, by this context or (through Web Locks) by any tab of the origin. */
export async function liveWriterTokens(): Promise<Set<string>> {
  const live = new Set(localWriters);
  const locks = lockManager();
  if (locks) {
    const snapshot = await locks.query();
    for (const lock of [...(snapshot.held ?? []), ...(snapshot.pending ?? [])]) if (lock.name) live.add(lock.name);
  }
  return live;
}
