// Realistic mode's wording. Queries: the head term as sampled (synonym, paraphrase, narrower or
// broader term), more ways to phrase each constraint, the head's words sometimes reordered
// ("insurance for travel"), parts in any order, and occasional typos in every split (fewer than the
// colloquial_typo shift's). The OOD shifts keep their meaning: conversational sentences, the
// catalog's slang and the shift's typo rate. Item titles: brand first or last, or in brackets, and
// common abbreviations ("CI", "Ins.").
import type { Rng } from '../../random';
import type { Item } from '../schema';
import { PRODUCT_LINES } from './catalog';
import { renderItem, requireCategory, type Product } from './product';
import { statedConstraints } from './query-spec';
import type { RealisticSpec } from './realistic-relevance';
import { COLLOQUIAL_PHRASES, constraintPhrase, conversationalSentence, KEYWORD_PHRASES, type Phrases, type QueryStyle } from './render-query';
import { addTypos } from './typos';

/** ID wording: the rules mode's keyword phrases and more (none of them the colloquial shift's). */
export const REALISTIC_PHRASES: Phrases = {
  age: [...KEYWORD_PHRASES.age, 'for a {a} year old', '{a} year old', 'ages {a}', 'applicant age {a}', 'insured aged {a}'],
  maxPrice: [...KEYWORD_PHRASES.maxPrice, 'up to {p} a month', 'less than {p} per month', 'monthly premium under {p}', 'within {p} a month', 'budget {p} per month'],
  tier: {
    budget: [...KEYWORD_PHRASES.tier.budget, 'low price', 'inexpensive', 'economy'],
    standard: [...KEYWORD_PHRASES.tier.standard, 'standard price', 'moderately priced', 'average price'],
    premium: [...KEYWORD_PHRASES.tier.premium, 'luxury', 'top of the range', 'best quality'],
  },
  minTerm: [...KEYWORD_PHRASES.minTerm, 'minimum {t} years', '{t}+ year term', 'for {t} years or more'],
  lifelong: [...KEYWORD_PHRASES.lifelong, 'lifetime term', 'lifelong term'],
  feature: [...KEYWORD_PHRASES.feature, 'that covers {f}', '{f} benefit', 'including {f}'],
  noWaitingPeriod: [...KEYWORD_PHRASES.noWaitingPeriod, 'immediate cover', 'cover starts immediately', 'waiting period none'],
  noMedicalExam: [...KEYWORD_PHRASES.noMedicalExam, 'no exam', 'without medical underwriting', 'medical exam not required'],
  brand: [...KEYWORD_PHRASES.brand, '{b} brand'],
};

/** Share of queries outside the colloquial_typo shift that get typos, and the share of their words. */
export const ID_TYPO_QUERY_RATE = 0.15;
export const ID_TYPO_WORD_RATE = 0.1;
const HEAD_REORDER_RATE = 0.2;

/** "travel insurance" -> "insurance travel" or "insurance for travel". */
function reorderHead(rng: Rng, phrase: string): string {
  const match = /^(.+) (insurance|cover|plan|policy|assurance)$/.exec(phrase);
  if (!match) return phrase;
  return rng.next() < 0.5 ? `${match[2]} ${match[1]}` : `${match[2]} for ${match[1]}`;
}

function headPhrase(rng: Rng, spec: RealisticSpec, colloquial: boolean): string {
  const head = spec.head;
  // The colloquial shift replaces the category's name by the catalog's slang, as in rules mode.
  if (colloquial && (head.kind === 'same' || head.kind === 'paraphrase')) return rng.pick(requireCategory(spec.category).colloquial);
  return rng.next() < HEAD_REORDER_RATE ? reorderHead(rng, head.phrase) : head.phrase;
}

function keywordQuery(rng: Rng, spec: RealisticSpec, colloquial: boolean): string {
  const phrases = colloquial ? COLLOQUIAL_PHRASES : REALISTIC_PHRASES;
  let head = headPhrase(rng, spec, colloquial);
  const names = rng.shuffle(statedConstraints(spec));
  const brandFirst = names.includes('brand') && rng.next() < 0.5;
  if (brandFirst) head = `${spec.constraints.brand} ${head}`;
  const parts = names.filter((name) => !(brandFirst && name === 'brand')).map((name) => constraintPhrase(rng, spec, name, phrases));
  const where = rng.next();
  const at = where < 0.65 ? 0 : where < 0.9 || parts.length < 2 ? parts.length : 1 + rng.int(parts.length - 1);
  parts.splice(at, 0, head);
  return parts.join(' ');
}

function conversationalQuery(rng: Rng, spec: RealisticSpec, colloquial: boolean): string {
  const category = requireCategory(spec.category);
  const named = spec.head.kind === 'same' || spec.head.kind === 'paraphrase';
  const need = named ? (colloquial && rng.next() < 0.5 ? `some ${rng.pick(category.colloquial)}` : rng.pick(category.needs)) : `some ${spec.head.phrase}`;
  return conversationalSentence(rng, spec, need);
}

export function renderRealisticQuery(rng: Rng, spec: RealisticSpec, style: QueryStyle): string {
  const text = style.conversational ? conversationalQuery(rng, spec, style.colloquial) : keywordQuery(rng, spec, style.colloquial);
  if (style.typos) return addTypos(rng, text);
  return rng.next() < ID_TYPO_QUERY_RATE ? addTypos(rng, text, ID_TYPO_WORD_RATE) : text;
}

const ABBREVIATIONS: readonly (readonly [string, string])[] = [
  ['Critical Illness', 'CI'], ['Personal Accident', 'PA'], ['Long-Term Care', 'LTC'], ['Disability Income', 'DI'],
  ['Insurance', 'Ins.'], ['Protection', 'Prot.'], ['Hospital', 'Hosp.'], ['Education', 'Edu.'], ['Retirement', 'Ret.'],
  ['Children', 'Kids'], ['Allowance', 'Allow.'], ['Care Plus', 'Care+'], ['Premier', 'Prem.'],
];
const ABBREVIATION_RATE = 0.3;

/** The rules mode's item with a varied title: brand first (55%), last, after a dash or in brackets; abbreviations in 30%. */
export function renderRealisticItem(rng: Rng, product: Product): Item {
  const item = renderItem(product);
  const category = requireCategory(product.category);
  let name = `${PRODUCT_LINES[product.line]} ${category.titles[product.titleVariant]}`;
  if (rng.next() < ABBREVIATION_RATE) {
    for (const [long, short] of ABBREVIATIONS) if (name.includes(long) && rng.next() < 0.7) name = name.replace(long, short);
  }
  const place = rng.next();
  const brand = product.brand;
  const title = place < 0.55 ? `${brand} ${name}` : place < 0.7 ? `${name} by ${brand}` : place < 0.85 ? `${name} - ${brand}` : `${name} (${brand})`;
  return { title, fields: item.fields };
}
