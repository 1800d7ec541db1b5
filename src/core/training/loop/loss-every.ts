// How often a training stage reads its loss back (stage-runner.ts). No tfjs here: the page's
// settings import it.

/**
 * Steps between two reads of the loss and gradient norm when the caller does not say. Each read waits
 * for the device to finish everything queued (on a GPU, a stall per read); 8 keeps the curve and
 * the progress lively (a read every 1-3 s on wasm, 2 cores) while a GPU runs 8 steps unbroken.
 */
export const DEFAULT_LOSS_EVERY = 8;
