// The classification head between the lab and GPT2ForSequenceClassification. The lab's
// classifier.w is [headInput, numClasses] (rows: the pooled state's d values, then the match
// features of a model with match signals) with a bias; GPT-2's score.weight is an nn.Linear,
// [num_labels, n_embd], without a bias. The first d rows, transposed, are score.weight; the rest
// (match-feature rows and the bias) have no place in GPT-2 and travel in lab.safetensors.

/** score.weight [numClasses, d] from the first d rows of classifier.w [rows, numClasses]. */
export function scoreFromClassifier(classifier: Float32Array, numClasses: number, d: number): Float32Array {
  const score = new Float32Array(numClasses * d);
  for (let row = 0; row < d; row++) {
    for (let c = 0; c < numClasses; c++) score[c * d + row] = classifier[row * numClasses + c];
  }
  return score;
}

/** Writes score.weight [numClasses, d] transposed into the first d rows of classifier.w [rows, numClasses]. */
export function scoreIntoClassifier(score: Float32Array, classifier: Float32Array, numClasses: number, d: number): void {
  for (let row = 0; row < d; row++) {
    for (let c = 0; c < numClasses; c++) classifier[row * numClasses + c] = score[c * d + row];
  }
}
