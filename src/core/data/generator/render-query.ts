// Puts a query spec into words. In-distribution queries are short keyword strings; the shifts
// change the wording: conversational sentences that describe the need and the person, slang and
// shorthand, and typos. Every stated constraint is always expressed, so the text keeps the grade.
import type { Rng } from '../../random';
import { LIFELONG_YEARS } from './catalog';
import type { PriceTier } from './product';
import { requireCategory } from './product';
import { statedConstraints, type ConstraintName, type QuerySpec } from './query-spec';
import { addTypos } from './typos';

export interface QueryStyle {
  conversational: boolean;
  colloquial: boolean;
  typos: boolean;
}

export type Phrases = Record<Exclude<ConstraintName, 'tier' | 'minTermYears'>, readonly string[]> & {
  tier: Record<PriceTier, readonly string[]>;
  minTerm: readonly string[];
  lifelong: readonly string[];
};

// {a} age, {p} price, {t} years, {f} feature, {b} brand.
export const KEYWORD_PHRASES: Phrases = {
  age: ['age {a}', 'for {a} year old', '{a} years old', 'aged {a}'],
  maxPrice: ['under {p} a month', 'below {p} per month', 'max {p} monthly', '{p} a month or less'],
  tier: { budget: ['cheap', 'budget', 'affordable'], standard: ['mid-range', 'mid priced'], premium: ['premium', 'high end', 'top tier'] },
  minTerm: ['at least {t} years', '{t} year term or longer', 'term {t}+ years'],
  lifelong: ['lifelong', 'whole of life cover'],
  feature: ['with {f}', 'covering {f}', '{f} included'],
  noWaitingPeriod: ['no waiting period', 'without waiting period', 'zero waiting period'],
  noMedicalExam: ['no medical exam', 'without medical exam', 'no health check'],
  brand: ['by {b}', 'from {b}'],
};

export const COLLOQUIAL_PHRASES: Phrases = {
  age: ['{a}yo', '{a} y/o', 'age{a}'],
  maxPrice: ['{p} bucks a month max', 'max {p}/mo', '<= {p} pm'],
  tier: { budget: ['dirt cheap', 'cheapo', 'low cost'], standard: ['nothing fancy but decent', 'middle of the road'], premium: ['fancy', 'top notch', 'gold plated'] },
  minTerm: ['{t}+ yrs', 'min {t} yrs'],
  lifelong: ['for life', 'till death'],
  feature: ['w/ {f}', '+ {f}', 'incl {f}'],
  noWaitingPeriod: ['no wait period', 'covers from day one', 'no waiting time'],
  noMedicalExam: ['no docs exam', 'skip the medical', 'no checkup needed'],
  brand: ['{b} pls', 'by {b}'],
};

export const CONVERSATIONAL_PHRASES: Omit<Phrases, 'age'> = {
  maxPrice: ['nothing over {p} a month', 'we can spend at most {p} a month', 'the budget is {p} a month tops'],
  tier: {
    budget: ['it has to be cheap', 'money is tight so the cheapest kind'],
    standard: ['something mid-priced', 'not the cheapest and not the priciest'],
    premium: ['money is no object so the premium kind', 'the best one, pricey is fine'],
  },
  minTerm: ['it should last at least {t} years', 'it needs to run for {t} years or more'],
  lifelong: ['it should cover them for life', 'it has to last a lifetime'],
  feature: ['it must cover {f}', '{f} is a must'],
  noWaitingPeriod: ["I don't want any waiting period", 'the cover should start straight away with no waiting period'],
  noMedicalExam: ['without having to do a medical exam', 'no medical exam please'],
  brand: ['ideally from {b}', 'preferably by {b}'],
};

export const INTENTS = ['I want', 'I am looking for', 'we need', 'can you suggest', "I'd like"];
export const GREETINGS = ['hi,', 'hello,', 'quick question:', 'hey there,', 'so'];
export const CLOSERS = ['', 'any ideas?', 'what should I get?', 'thanks!', 'what do you recommend?'];

export function persona(rng: Rng, age: number, insured: 'person' | 'child' | 'pet'): string {
  if (insured === 'pet') return rng.pick(['my dog is {a}', 'our cat is {a}', 'my puppy is {a} years old']);
  if (age === 0) return rng.pick(['our baby is not yet 1', 'we have a newborn, 0 years old']);
  if (insured === 'child' || age < 18) return rng.pick(['my son is {a}', 'our daughter is {a}', 'my kid is {a}']);
  if (age < 60) return rng.pick(["I'm {a}", 'my wife is {a}', 'my husband is {a}', 'my brother is {a}']);
  return rng.pick(['my mum is {a}', 'my dad is {a}', 'my father just turned {a}', 'grandma is {a}']);
}

export function fill(template: string, spec: QuerySpec): string {
  const c = spec.constraints;
  return template
    .replace('{a}', String(c.age))
    .replace('{p}', String(c.maxPrice))
    .replace('{t}', String(c.minTermYears))
    .replace('{f}', c.feature ?? '')
    .replace('{b}', c.brand ?? '');
}

export function constraintPhrase(rng: Rng, spec: QuerySpec, name: ConstraintName, phrases: Omit<Phrases, 'age'> & Partial<Pick<Phrases, 'age'>>): string {
  const c = spec.constraints;
  let options: readonly string[];
  if (name === 'tier') options = phrases.tier[c.tier!];
  else if (name === 'minTermYears') options = c.minTermYears! >= LIFELONG_YEARS ? phrases.lifelong : phrases.minTerm;
  else options = phrases[name]!;
  return fill(rng.pick(options), spec);
}

function keywordQuery(rng: Rng, spec: QuerySpec, colloquial: boolean): string {
  const category = requireCategory(spec.category);
  const phrases = colloquial ? COLLOQUIAL_PHRASES : KEYWORD_PHRASES;
  let head = rng.pick(colloquial ? category.colloquial : category.synonyms);
  const names = rng.shuffle(statedConstraints(spec));
  const brandFirst = names.includes('brand') && rng.next() < 0.5;
  if (brandFirst) head = `${spec.constraints.brand} ${head}`;
  const parts = names.filter((name) => !(brandFirst && name === 'brand')).map((name) => constraintPhrase(rng, spec, name, phrases));
  return rng.next() < 0.75 ? [head, ...parts].join(' ') : [...parts, head].join(' ');
}

function conversationalQuery(rng: Rng, spec: QuerySpec, colloquial: boolean): string {
  const category = requireCategory(spec.category);
  const need = colloquial && rng.next() < 0.5 ? `some ${rng.pick(category.colloquial)}` : rng.pick(category.needs);
  return conversationalSentence(rng, spec, need);
}

/** "<persona or greeting> <intent> <need>, <constraints>. <closer>": the long conversational query around a need. */
export function conversationalSentence(rng: Rng, spec: QuerySpec, need: string): string {
  const category = requireCategory(spec.category);
  const c = spec.constraints;
  const opening = c.age !== undefined ? `${fill(persona(rng, c.age, category.insured), spec)} and` : rng.pick(GREETINGS);
  const parts = rng
    .shuffle(statedConstraints(spec).filter((name) => name !== 'age'))
    .map((name) => constraintPhrase(rng, spec, name, CONVERSATIONAL_PHRASES));
  let text = `${opening} ${rng.pick(INTENTS)} ${need}`;
  if (parts.length > 0) text += `, ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0]}`;
  const closer = rng.pick(CLOSERS);
  return closer ? `${text}. ${closer}` : text;
}

export function renderQuery(rng: Rng, spec: QuerySpec, style: QueryStyle): string {
  const text = style.conversational ? conversationalQuery(rng, spec, style.colloquial) : keywordQuery(rng, spec, style.colloquial);
  return style.typos ? addTypos(rng, text) : text;
}
