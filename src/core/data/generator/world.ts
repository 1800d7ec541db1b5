// Which shifts an OOD query gets and what a query may draw on under them (categories, brands):
// shared by both generator modes.
import type { Rng } from '../../random';
import type { ShiftTag, Split } from '../schema';
import { CATEGORIES, SEEN_BRANDS, UNSEEN_BRANDS } from './catalog';
import { activeShifts, type GeneratorConfig } from './config';
import type { World } from './sampling';

/** Chance that an ID query names a brand, and one under the unseen_brand shift. */
export const ID_BRAND_RATE = 0.15;
export const UNSEEN_BRAND_RATE = 0.5;

/**
 * Which shifts one query of `split` gets: none in train, val and test_id; in test_ood at least one;
 * in the pool at least one for a share `oodMix` of its queries, never one of `poolExcludeShifts`.
 */
export function drawSplitShifts(split: Split, rng: Rng, config: GeneratorConfig): ShiftTag[] {
  const oodShare = split === 'test_ood' ? 1 : split === 'pool' ? config.oodMix : 0;
  if (!(oodShare > 0 && (oodShare === 1 || rng.next() < oodShare))) return [];
  return drawShifts(rng, config, split === 'pool' ? config.poolExcludeShifts : []);
}

/** Which shifts one OOD query gets: each enabled shift (not excluded) with its strength, and at least one. */
export function drawShifts(rng: Rng, config: GeneratorConfig, excluded: readonly ShiftTag[] = []): ShiftTag[] {
  const active = activeShifts(config.shifts).filter((tag) => !excluded.includes(tag));
  if (active.length === 0) return [];
  const chosen = active.filter((tag) => rng.next() < config.shifts[tag].strength);
  if (chosen.length > 0) return chosen;
  // None came up: pick one in proportion to strength, so an OOD query is never plain ID.
  const total = active.reduce((sum, tag) => sum + config.shifts[tag].strength, 0);
  let point = rng.next() * total;
  for (const tag of active) {
    point -= config.shifts[tag].strength;
    if (point < 0) return [tag];
  }
  return [active[active.length - 1]];
}

export function worldFor(shifts: readonly ShiftTag[], config: GeneratorConfig): World {
  const unseen = new Set(config.unseenCategories);
  const seenKeys = CATEGORIES.map((c) => c.key).filter((key) => !unseen.has(key));
  const unseenCategory = shifts.includes('unseen_category');
  const unseenBrand = shifts.includes('unseen_brand');
  return {
    queryCategories: unseenCategory ? config.unseenCategories : seenKeys,
    itemCategories: unseenCategory ? CATEGORIES.map((c) => c.key) : seenKeys,
    brands: unseenBrand ? UNSEEN_BRANDS : SEEN_BRANDS,
    brandRate: unseenBrand ? UNSEEN_BRAND_RATE : ID_BRAND_RATE,
  };
}
