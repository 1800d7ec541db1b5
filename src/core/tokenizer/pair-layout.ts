// The relevance prompt: [BOS] [Q] query [I] field1 [SEP] field2 ... [CLS].
// [CLS] is last because the backbone is a causal decoder: only the last position has seen the
// whole pair, so the classifier pools the hidden state there. Too long? The item loses tokens
// from its end first (a field cut to nothing also loses its [SEP]); then the query does.
import { TokenizerConfigError } from './errors';
import type { SpecialTokenIds } from './special-tokens';

/** [BOS] [Q] [I] [CLS]: the structure every prompt keeps. */
export const PAIR_STRUCTURE_TOKENS = 4;

export function layoutPair(
  query: readonly number[],
  itemFields: readonly (readonly number[])[],
  maxLen: number,
  special: SpecialTokenIds,
): number[] {
  if (!Number.isInteger(maxLen) || maxLen < PAIR_STRUCTURE_TOKENS) {
    throw new TokenizerConfigError(
      `maxLen must be an integer of at least ${PAIR_STRUCTURE_TOKENS} ([BOS] [Q] [I] [CLS]), got ${maxLen}`,
      { maxLen },
    );
  }
  const item: number[] = [];
  itemFields.forEach((field, index) => {
    if (index > 0) item.push(special.sep);
    for (const id of field) item.push(id);
  });

  const budget = maxLen - PAIR_STRUCTURE_TOKENS;
  let itemLength = Math.min(item.length, Math.max(0, budget - query.length));
  // A cut that ends right after a separator would leave an empty field behind it.
  while (itemLength > 0 && itemLength < item.length && item[itemLength - 1] === special.sep) itemLength--;
  const queryLength = Math.min(query.length, budget - itemLength);

  const ids = new Array<number>(PAIR_STRUCTURE_TOKENS + queryLength + itemLength);
  let at = 0;
  ids[at++] = special.bos;
  ids[at++] = special.query;
  for (let i = 0; i < queryLength; i++) ids[at++] = query[i];
  ids[at++] = special.item;
  for (let i = 0; i < itemLength; i++) ids[at++] = item[i];
  ids[at++] = special.cls;
  return ids;
}
