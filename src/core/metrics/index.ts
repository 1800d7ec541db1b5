// The lab's evaluation metrics (docs/METRICS.md).
export * from './classification';
export * from './errors';
export * from './probabilities';
export * from './qwk';
export * from './ece';
export * from './roc';
export * from './relevance-auc';
export * from './ranking';
export * from './ood-detection';
export * from './evaluate-split';
export * from './id-ood-gap';
export * from './proper-scores';
export * from './temperature-scaling';
export * from './random-ranking';
export * from './by-tag';
