// Which column of a file probably holds the query, the item title, the label or an id, from the
// header names the public sets and common exports use. The person can always choose another.

export type GuessedColumn = 'query' | 'title' | 'label' | 'id' | 'queryId' | 'itemId';

const GUESSES: Record<GuessedColumn, RegExp> = {
  query: /^(query|search_term|search|q)$/i,
  title: /^(title|product_title|product_name|item|item_title|name)$/i,
  label: /^(label|grade|relevance|esci_label|score|rating)$/i,
  id: /^(id|row_id|example_id)$/i,
  queryId: /^(query_id|qid)$/i,
  itemId: /^(item_id|product_id|product_uid|pid)$/i,
};

/** The kept choice when the columns still have it, else the first column whose name fits, else ''. */
export function guessColumn(key: GuessedColumn, columns: readonly string[], kept?: string): string {
  if (kept && columns.includes(kept)) return kept;
  return columns.find((column) => GUESSES[key].test(column)) ?? '';
}
