// The engine a command drives: the Node engine (files and folders), started on the asked backend
// with the asked training threads through the engine's init() (backend policy and set-up).
import { createNodeLabEngine } from '../../engine/node-engine';
import type { NodeLabEngine } from '../../engine/node-host-types';

export async function startEngine(backend: string, trainingThreads: number): Promise<NodeLabEngine> {
  const engine = createNodeLabEngine();
  await engine.init({ backend, trainingThreads });
  return engine;
}

/** Runs `work` with Ctrl-C cancelling the engine's job (it stops after the current step). */
export async function withInterrupt<T>(engine: NodeLabEngine, work: () => Promise<T>, onInterrupt: () => void = () => {}): Promise<T> {
  const interrupt = () => {
    onInterrupt();
    void engine.cancel();
  };
  process.once('SIGINT', interrupt);
  try {
    return await work();
  } finally {
    process.off('SIGINT', interrupt);
  }
}
