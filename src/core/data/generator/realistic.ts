// The realistic mode's splits: per query a head term and constraints, 6-10 candidates from an
// uneven mixture of kinds, each pair's latent relevance judged by a panel of 3-5 simulated raters
// (the grade), and a second, fresh panel judging the same pair to measure the label noise (how
// many grades would flip under other raters). Split by query, seeded, like rules mode.
import type { Rng } from '../../random';
import type { Example, Split } from '../schema';
import { GeneratorConfigError, type GeneratorConfig } from './config';
import { panelGrade, type Rater } from './raters';
import { latentRelevance } from './realistic-relevance';
import { candidateMix, candidateProduct, drawCandidateKind, sampleRealisticSpec } from './realistic-sampling';
import { renderRealisticItem, renderRealisticQuery } from './realistic-text';
import { drawSplitShifts, worldFor } from './world';

const MAX_QUERY_ATTEMPTS = 200;

/** Fewest candidates per query: itemsPerQuery - CANDIDATE_SPAN (at least 3). */
export const CANDIDATE_SPAN = 4;

export interface RealisticSplit {
  examples: Example[];
  /** Pairs whose grade a fresh panel of raters gives differently. */
  flips: number;
  /** Each example's latent relevance (same order), for analysis; not written to the files. */
  latents: number[];
}

export interface RaterPanels {
  pool: readonly Rater[];
  /** The stream of the fresh panels; kept apart so that measuring noise never changes the data. */
  fresh: Rng;
}

export function candidatesPerQuery(rng: Rng, itemsPerQuery: number): number {
  const fewest = Math.max(3, itemsPerQuery - CANDIDATE_SPAN);
  return fewest + rng.int(itemsPerQuery - fewest + 1);
}

export function generateRealisticSplit(split: Split, size: number, config: GeneratorConfig, rng: Rng, usedQueries: Set<string>, raters: RaterPanels): RealisticSplit {
  const examples: Example[] = [];
  const latents: number[] = [];
  let flips = 0;
  while (examples.length < size) {
    const shifts = drawSplitShifts(split, rng, config);
    const world = worldFor(shifts, config);
    const allowBroader = !shifts.includes('unseen_category');
    const style = {
      conversational: shifts.includes('conversational'),
      colloquial: shifts.includes('colloquial_typo'),
      typos: shifts.includes('colloquial_typo'),
    };
    let spec = sampleRealisticSpec(rng, world, allowBroader);
    let query = renderRealisticQuery(rng, spec, style);
    for (let attempt = 1; usedQueries.has(query); attempt++) {
      if (attempt >= MAX_QUERY_ATTEMPTS) {
        throw new GeneratorConfigError(`could not find ${size} distinct queries for split "${split}": make the splits smaller`, { split, size });
      }
      spec = sampleRealisticSpec(rng, world, allowBroader);
      query = renderRealisticQuery(rng, spec, style);
    }
    usedQueries.add(query);

    const mix = candidateMix(rng);
    const count = candidatesPerQuery(rng, config.itemsPerQuery);
    const seenItems = new Set<string>();
    const queryWords = query.toLowerCase().split(/[^a-z]+/);
    for (let made = 0; made < count && examples.length < size; made++) {
      const kind = drawCandidateKind(rng, mix);
      for (let attempt = 0; attempt < 10; attempt++) {
        const product = candidateProduct(rng, spec, world, kind, queryWords);
        const item = renderRealisticItem(rng, product);
        const key = JSON.stringify(item);
        if (seenItems.has(key)) continue;
        seenItems.add(key);
        const latent = latentRelevance(spec, product).score;
        const { grade } = panelGrade(rng, raters.pool, latent);
        if (panelGrade(raters.fresh, raters.pool, latent).grade !== grade) flips += 1;
        const id = `${split}-${String(examples.length).padStart(6, '0')}`;
        examples.push({ id, query, item, grade, split, tags: [...shifts] });
        latents.push(latent);
        break;
      }
    }
  }
  return { examples, flips, latents };
}
