// A gradient pool of browser workers, started by the engine worker (nested workers; Vite bundles
// gradient-worker-browser.ts as its own module worker).
import { createGradientPool, requireHelperBackend, type GradientPool, type HelperThread } from './gradient-pool';
import type { GradientWorkerStart } from './gradient-worker-browser';
import { TrainingThreadGoneError } from './errors';

function spawnBrowserHelper(index: number, backend: string): HelperThread {
  const worker = new Worker(new URL('./gradient-worker-browser.ts', import.meta.url), {
    type: 'module',
    name: `relevance-lab-training-thread-${index + 1}`,
  });
  // The pool talks over its own channel, so the start message never meets the pool's calls.
  const { port1, port2 } = new MessageChannel();
  const start: GradientWorkerStart = { backend, port: port2 };
  worker.postMessage(start, [port2]);
  return {
    endpoint: port1,
    onGone(listener) {
      let told = false;
      const tell = (reason: Error) => {
        if (told) return;
        told = true;
        listener(reason);
      };
      worker.addEventListener('error', (event) => {
        // Handled here: without this the error would bubble up through the engine worker to the page, which takes it for an engine crash.
        event.preventDefault();
        // A module that fails to load gives a plain Event; an uncaught exception an ErrorEvent.
        const message = event instanceof ErrorEvent && event.message ? event.message : 'the worker could not be loaded';
        const where = event instanceof ErrorEvent && event.filename ? ` (${event.filename}:${event.lineno})` : '';
        tell(new TrainingThreadGoneError(`${message}${where}`));
      });
      const unreadable = () => tell(new TrainingThreadGoneError('a message could not be read (structured clone failed)'));
      worker.addEventListener('messageerror', unreadable);
      port1.addEventListener('messageerror', unreadable);
    },
    terminate() {
      port1.close();
      worker.terminate();
    },
  };
}

/** `helpers` training threads on `backend` (wasm or cpu), started by the first step that needs them. */
export function createBrowserGradientPool(helpers: number, backend: string): GradientPool {
  const helperBackend = requireHelperBackend(backend);
  return createGradientPool(helpers, helperBackend, (index) => spawnBrowserHelper(index, helperBackend));
}
