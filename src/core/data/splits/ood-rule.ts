// How the out-of-distribution test split is chosen for imported data.

export type OodRule =
  | { kind: 'none' }
  /** Rows whose `column` holds one of `values` form test_ood; those values leave the ID splits. */
  | { kind: 'column'; column: string; values: string[] }
  /** Queries are clustered by shared words; `heldOut` whole clusters form test_ood. */
  | { kind: 'clusters'; heldOut: number; clusters?: number; maxOodShare?: number };

export const DEFAULT_CLUSTERS = 8;
/** Held-out clusters may take at most this share of the queries. */
export const DEFAULT_MAX_OOD_SHARE = 0.5;

export function describeOodRule(rule: OodRule): string {
  if (rule.kind === 'none') return 'none (test_ood is empty)';
  if (rule.kind === 'column') return `held-out values of "${rule.column}": ${rule.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return `${rule.heldOut} of ${rule.clusters ?? DEFAULT_CLUSTERS} query clusters held out (hashed bag-of-words k-means)`;
}
