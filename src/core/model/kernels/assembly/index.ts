// The lab's wasm SIMD kernels, compiled by scripts/build-wasm-kernels.mjs (AssemblyScript) into one
// module that works in tfjs-backend-wasm's own memory: every argument is a byte offset into it.
// No kernel allocates, keeps state or has static data, so the module writes nothing into that
// memory except the outputs it is given.
export { columnSum } from './column-sum';
export { expArray } from './exp';
export { transposeLastTwo } from './transpose';
export { splitHeads, joinHeadGradients, mergeHeads, unmergeHeads } from './attention-heads';
