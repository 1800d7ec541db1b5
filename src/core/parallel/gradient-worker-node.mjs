// Entry of a Node gradient worker: worker threads do not inherit the TypeScript loader of the
// process (tsx), so this registers it before loading the worker's TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./gradient-worker-node.ts');
