// The trainer: batching, training stages, scoring and evaluation on top of the model.
export { batchesPerEpoch, epochBatches, inferenceBatches, padRows, realTokens, type BucketOptions } from './batching';
export { encodeExamples, encodePairs, type EncodedPairs, type QueryItemPair } from './encode';
export { NonFiniteLossError, TrainerInputError } from './errors';
export { argmax, evaluateClassifier } from './evaluate';
export { runInference, type InferenceOutput } from './inference';
export { corpusDocuments, encodeDocuments, packDocuments, splitHeldOut } from './lm-corpus';
export { heldOutLmLoss, unigramCrossEntropy } from './lm-eval';
export { checkTokenizerFits, checkpointTokenizer, configForTokenizer } from './model-setup';
export { recipeLearningRate, SMALL_RECIPE, type ClassifierRecipe, type PretrainRecipe, type RecipeLoss, type TrainingRecipe } from './recipe';
export { features, logits, probabilities, score, type Matrix, type PairScore, type ScoreOptions } from './score';
export { classificationInputs, pretrainInputs, type PretrainInputs } from './stage-inputs';
export { trainStage, type StageData, type StageResult, type TrainStageOptions } from './stage-runner';
