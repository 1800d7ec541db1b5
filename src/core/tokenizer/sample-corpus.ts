// A seeded corpus of short product-search texts (queries, titles, descriptions) for the
// tokenizer's tests and benchmark, independent of the dataset generator so it stays stable.
// Mostly English insurance search, with some accents, currency signs, CJK and emoji.
import { createRng, type Rng } from '../random';

const BRANDS = ['BluePeak', 'Harbourline', 'Northwind Mutual', 'Solenne', 'Aurelia Life', 'Crestmoor', 'Zephyra', 'Lumen & Co', 'Caixa Segura', 'Höfner Versicherung', '和平保险', 'Østerlys'];
const LINES = ['Guardian', 'Care Plus', 'Essential', 'Premier', 'Lite', 'Shield', 'Secure', 'Family'];
const PRODUCTS = [
  'Critical Illness Plan', 'Term Life Cover', 'Whole Life Insurance', 'Medical Insurance', 'Health Plan',
  'Travel Insurance', 'Car Insurance', 'Pet Insurance', 'Home Contents Cover', 'Dental Plan',
  'Accident Protection', 'Income Protection', 'Cancer Cover', 'Maternity Plan', 'Gadget Insurance', 'Senior Care Plan',
];
const FEATURES = [
  'cancer', 'stroke', 'heart attack', 'multiple payouts', 'premium waiver', 'inpatient', 'outpatient', 'surgery',
  'direct billing', 'trip cancellation', 'lost luggage', 'roadside assistance', 'windscreen repair', 'vet fees',
  'accidental damage', 'theft', 'orthodontics', 'physiotherapy', 'hospital cash', 'second opinion', 'proton therapy',
];
const QUERY_HEADS = [
  'critical illness insurance', 'life insurance', 'term life', 'health insurance', 'cheap travel insurance',
  'car insurance', 'pet insurance for dogs', 'home insurance', 'dental cover', 'accident insurance', 'cancer cover',
  'income protection', 'insurance for seniors', 'kids medical plan', 'phone insurance', 'maternity cover',
];
const OPENERS = ['hi,', 'hello!', 'hey there', 'so', 'um,', 'quick question:', "i'm", "we're", 'my mum is'];
const INTENTS = ['looking for', 'need', 'want', 'searching for', 'any recommendations for', "what's the best"];
const TYPOS: Record<string, string> = {
  insurance: 'insurence', illness: 'ilness', coverage: 'coverge', premium: 'premuim',
  hospital: 'hosptial', accident: 'acident', monthly: 'monthy', cheapest: 'cheepest',
};
const NEEDS = [
  'pays a lump sum after a diagnosis', 'reimburses hospital stays', 'covers my kids at university', 'protects the mortgage',
  'replaces income if I cannot work', 'covers emergency dental work', 'includes worldwide travel', 'pays vet bills for older cats',
  'covers flood and storm damage', 'includes legal expenses', 'has a cooling-off period', 'covers freelancers and contractors',
  'pays out for fractures and burns', 'includes mental health support', 'covers IVF and pregnancy scans', 'insures bikes and e-scooters',
  'protects laptops against spills', 'covers skiing and scuba diving', 'includes a no-claims discount', 'allows monthly cancellation',
];
const PLACES = ['London', 'Manchester', 'Toronto', 'Sydney', 'Auckland', 'Dublin', 'Singapore', 'Cape Town', 'Lisbon', 'Montréal', 'Kraków', 'Reykjavík', 'Osaka', 'Nairobi', 'Bogotá', 'Hamburg'];
const SYLLABLES = ['al', 'bri', 'cor', 'dan', 'el', 'fen', 'gar', 'hol', 'ix', 'jor', 'kel', 'lum', 'mar', 'nov', 'or', 'pel', 'quin', 'ros', 'sol', 'tav', 'ul', 'ver', 'wyn', 'xan', 'yor', 'zel'];
const EXTRAS = ['✈️ trip', '🐶 dog', '€', '£', '¥', '保险', 'café owners', 'São Paulo', 'Zürich', 'naïve question'];

/** Invented brand names from syllables: thousands of distinct, plausible words. */
function inventedBrand(rng: Rng): string {
  let name = '';
  for (let i = 2 + rng.int(2); i > 0; i--) name += rng.pick(SYLLABLES);
  return name[0].toUpperCase() + name.slice(1) + rng.pick(['', '', ' Insurance', ' Assurance', ' Mutual', ' Direct']);
}

function brand(rng: Rng): string {
  return rng.next() < 0.5 ? rng.pick(BRANDS) : inventedBrand(rng);
}

function constraint(rng: Rng): string {
  switch (rng.int(8)) {
    case 6: return `that ${rng.pick(NEEDS)}`;
    case 7: return `in ${rng.pick(PLACES)}`;
    case 0: return `for age ${18 + rng.int(60)}`;
    case 1: return `under ${rng.pick(['$', '€', '£', ''])}${5 * (2 + rng.int(60))} a month`;
    case 2: return `${rng.pick([1, 5, 10, 20, 30])} year term`;
    case 3: return `with ${rng.pick(FEATURES)}`;
    case 4: return `from ${brand(rng)}`;
    default: return rng.pick(['no medical exam', 'no waiting period', 'lifelong', 'for a family of 4', 'covers pre-existing conditions']);
  }
}

function typo(rng: Rng, text: string): string {
  return text.replace(/\b[a-z]+\b/g, (word) => (word in TYPOS && rng.next() < 0.5 ? TYPOS[word] : word));
}

function query(rng: Rng): string {
  const parts = [rng.pick(QUERY_HEADS)];
  for (let i = rng.int(3); i > 0; i--) parts.push(constraint(rng));
  let text = parts.join(' ');
  if (rng.next() < 0.25) text = `${rng.pick(OPENERS)} ${rng.int(2) ? `${20 + rng.int(60)} and` : ''} ${rng.pick(INTENTS)} ${text}?`.replace(/\s+/g, ' ');
  if (rng.next() < 0.15) text = typo(rng, text);
  if (rng.next() < 0.1) text = `${text} ${rng.pick(EXTRAS)}`;
  if (rng.next() < 0.1) text = text.toUpperCase();
  return text;
}

function title(rng: Rng): string {
  return `${brand(rng)} ${rng.pick(LINES)} ${rng.pick(PRODUCTS)}${rng.next() < 0.2 ? ` ${2020 + rng.int(6)}` : ''}`;
}

function description(rng: Rng): string {
  const features = rng.shuffle(FEATURES).slice(0, 2 + rng.int(4));
  const minAge = rng.int(40);
  const sentences = [
    `Covers ${features.slice(0, -1).join(', ')} and ${features[features.length - 1]}.`,
    `Eligible ages ${minAge}-${minAge + 20 + rng.int(50)}; ${rng.pick(['10', '20', '30'])}-year term or lifelong.`,
    `From ${rng.pick(['$', '€', '£'])}${(5 + rng.next() * 200).toFixed(2)}/month, ${rng.pick(['no', '30-day', '90-day'])} waiting period.`,
  ];
  if (rng.next() < 0.6) sentences.push(`This plan ${rng.pick(NEEDS)} and ${rng.pick(NEEDS)}.`);
  if (rng.next() < 0.3) sentences.push(`Available in ${rng.pick(PLACES)} and ${rng.pick(PLACES)} through ${brand(rng)}.`);
  if (rng.next() < 0.5) sentences.push(rng.pick(['Medical exam not required.', 'Claims paid within 5 working days.', 'Rated 4.5/5 by 1,200 customers!', "Doesn't cover pre-existing conditions.", '24/7 hotline: +1-800-555-0199']));
  if (rng.next() < 0.08) sentences.push(rng.pick(EXTRAS));
  return rng.shuffle(sentences).join(' ');
}

/** `count` texts: about 45% queries, 30% titles, 25% descriptions. Same seed, same corpus. */
export function sampleProductCorpus(count: number, seed: number | string = 1): string[] {
  const rng = createRng(seed);
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    const roll = rng.next();
    texts.push(roll < 0.45 ? query(rng) : roll < 0.75 ? title(rng) : description(rng));
  }
  return texts;
}

/** `count` (query, item fields) pairs in the same style. */
export function sampleProductPairs(count: number, seed: number | string = 1): { query: string; item: string[] }[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => ({ query: query(rng), item: [title(rng), description(rng), `brand: ${brand(rng)}`] }));
}
