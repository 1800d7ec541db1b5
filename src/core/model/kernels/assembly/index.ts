// The lab's wasm SIMD kernels, compiled by scripts/build-wasm-kernels.mjs (AssemblyScript) into one
// module that works in tfjs-backend-wasm's own memory: every argument is a byte offset into it.
// No kernel allocates, keeps state or has static data, so the module writes nothing into that
// memory except the outputs it is given.
export { columnSum } from './column-sum';
export { expArray } from './exp';
export { gatherRows, scatterAddRows } from './gather-rows';
export { gemm, gemmScratchFloats } from './gemm';
export { addSumOfSquares, adamW } from './adamw';
export { biasGelu, biasGeluGrad } from './gelu';
export { maskedSoftmax, softmaxGrad } from './softmax';
export { layerNorm, layerNormGrad } from './layer-norm';
export { crossEntropy, crossEntropyGrad } from './cross-entropy';
export { transposeLastTwo } from './transpose';
export { splitHeads, joinHeadGradients, mergeHeads, unmergeHeads } from './attention-heads';
