// The settings of the classification loss (losses.ts) and the two compositions the lab ships.
// No tfjs here: the page reads the defaults for its settings.
export interface OccConfig {
  /** eps: mass spread uniformly over all grades. */
  labelSmoothing: number;
  /** s: mass spread over the non-gold grades by distance. */
  ordinalSmoothing: number;
  /** gamma in (0, 1]: how much less a grade two steps away gets than one step away. */
  ordinalDecay: number;
  /** beta: weight of the entropy bonus (a confidence penalty). */
  confidencePenalty: number;
  /** tau of LogitNorm; null leaves logits as they are. */
  logitNormTau: number | null;
  /** lambda: weight of the adjacent-grade margin term. */
  marginWeight: number;
  /** m: how far the gold logit should exceed each adjacent grade's logit. */
  margin: number;
}

/** Plain cross-entropy: every OCC part off. */
export const CROSS_ENTROPY: Readonly<OccConfig> = Object.freeze({
  labelSmoothing: 0,
  ordinalSmoothing: 0,
  ordinalDecay: 0.5,
  confidencePenalty: 0,
  logitNormTau: null,
  marginWeight: 0,
  margin: 1,
});

/** The OCC composition the lab ships (see docs/MODEL.md for why). */
export const DEFAULT_OCC: Readonly<OccConfig> = Object.freeze({
  labelSmoothing: 0,
  ordinalSmoothing: 0.1,
  ordinalDecay: 0.5,
  confidencePenalty: 0.1,
  logitNormTau: null,
  marginWeight: 0.2,
  margin: 1,
});
