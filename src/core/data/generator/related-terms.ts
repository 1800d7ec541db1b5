// Hand-written insurance vocabulary for the realistic mode: paraphrases of each category (the same
// meaning in other words), narrower terms (a kind of the category, some tied to one coverage
// feature), and broader terms (one phrase for a group of categories, "life insurance" for term and
// whole life). The catalog's synonyms, colloquial words and need descriptions are not repeated here:
// colloquial words and needs stay the OOD shifts' own (catalog.test.ts and related-terms.test.ts check).

/** A phrase naming a kind of a category; with `feature`, items listing that feature fit it fully. */
export interface NarrowerTerm {
  phrase: string;
  feature?: string;
}

/** A phrase for a group of categories; `generic` ones ("insurance") cover everything and are vague. */
export interface BroaderTerm {
  phrases: readonly string[];
  members: readonly string[];
  generic?: boolean;
}

export const PARAPHRASES: Readonly<Record<string, readonly string[]>> = {
  critical_illness: ['cover for serious illness', 'severe illness protection', 'ci insurance', 'illness lump sum policy'],
  cancer: ['cancer policy', 'insurance against cancer', 'cancer treatment insurance'],
  medical: ['medical cover', 'private medical insurance', 'medical expenses insurance'],
  hospital_cash: ['hospital income plan', 'hospital daily benefit', 'cash plan for hospital stays'],
  accident: ['accident cover', 'accidental injury insurance', 'pa insurance'],
  term_life: ['term assurance', 'fixed term life insurance', 'level term cover'],
  whole_life: ['whole of life assurance', 'lifelong life insurance', 'whole life assurance'],
  annuity: ['annuity plan', 'retirement annuity', 'income annuity'],
  elderly_care: ['long term care cover', 'aged care insurance', 'ltc insurance'],
  travel: ['travel cover', 'travel policy', 'journey insurance'],
  car: ['car cover', 'automobile insurance', 'motor policy'],
  home: ['home cover', 'homeowners insurance', 'buildings and contents insurance'],
  education: ['education fund insurance', 'child savings plan', 'tuition savings plan'],
  disability_income: ['income replacement insurance', 'disability income cover', 'sick pay insurance'],
  pet: ['animal insurance', 'pet cover', 'pet policy'],
  dental: ['dental policy', 'dentistry insurance', 'oral care plan'],
  maternity: ['maternity policy', 'childbirth insurance', 'pregnancy plan'],
  gadget: ['device insurance', 'electronics cover', 'mobile device plan'],
};

export const NARROWER_TERMS: Readonly<Record<string, readonly NarrowerTerm[]>> = {
  critical_illness: [{ phrase: 'stroke insurance', feature: 'stroke' }, { phrase: 'heart attack cover', feature: 'heart attack' }, { phrase: 'multiple claim illness cover', feature: 'multiple payouts' }],
  cancer: [{ phrase: 'breast cancer insurance' }, { phrase: 'proton therapy cancer cover', feature: 'proton therapy' }, { phrase: 'cancer relapse insurance', feature: 'recurrence' }],
  medical: [{ phrase: 'surgery insurance', feature: 'surgery' }, { phrase: 'outpatient insurance', feature: 'outpatient' }, { phrase: 'inpatient medical cover', feature: 'inpatient' }],
  hospital_cash: [{ phrase: 'icu cash plan', feature: 'icu double pay' }, { phrase: 'day surgery cash plan', feature: 'day surgery' }],
  accident: [{ phrase: 'sports accident insurance', feature: 'sports injuries' }, { phrase: 'fracture insurance', feature: 'fractures' }, { phrase: 'student accident cover' }],
  term_life: [{ phrase: 'mortgage life insurance' }, { phrase: 'decreasing term insurance', feature: 'decreasing cover' }, { phrase: 'convertible term policy', feature: 'convertible' }],
  whole_life: [{ phrase: 'inheritance life policy', feature: 'inheritance planning' }, { phrase: 'cash value life insurance', feature: 'cash value' }],
  annuity: [{ phrase: 'joint life annuity', feature: 'joint life' }, { phrase: 'inflation linked annuity', feature: 'inflation linked' }, { phrase: 'deferred annuity' }],
  elderly_care: [{ phrase: 'dementia care insurance', feature: 'dementia' }, { phrase: 'care home insurance', feature: 'care home fees' }, { phrase: 'home nursing insurance', feature: 'home nursing' }],
  travel: [{ phrase: 'ski travel insurance' }, { phrase: 'flight cancellation insurance', feature: 'trip cancellation' }, { phrase: 'luggage insurance', feature: 'lost luggage' }],
  car: [{ phrase: 'third party car insurance', feature: 'third party liability' }, { phrase: 'new driver insurance' }, { phrase: 'car theft insurance', feature: 'theft' }],
  home: [{ phrase: 'contents insurance', feature: 'contents' }, { phrase: 'flood insurance', feature: 'flood' }, { phrase: 'renters insurance' }],
  education: [{ phrase: 'university savings plan', feature: 'university bonus' }, { phrase: 'college savings insurance' }],
  disability_income: [{ phrase: 'long term disability insurance' }, { phrase: 'partial disability cover', feature: 'partial disability' }],
  pet: [{ phrase: 'dog insurance' }, { phrase: 'cat insurance' }, { phrase: 'pet vet fee insurance', feature: 'vet fees' }],
  dental: [{ phrase: 'orthodontic insurance', feature: 'orthodontics' }, { phrase: 'dental implant cover', feature: 'implants' }],
  maternity: [{ phrase: 'c-section cover', feature: 'c-section' }, { phrase: 'newborn care insurance', feature: 'newborn care' }],
  gadget: [{ phrase: 'tablet insurance' }, { phrase: 'screen repair insurance', feature: 'screen repair' }],
};

export const BROADER_TERMS: readonly BroaderTerm[] = [
  { phrases: ['health cover', 'health protection', 'illness insurance'], members: ['medical', 'critical_illness', 'cancer', 'hospital_cash', 'dental', 'maternity'] },
  { phrases: ['life insurance', 'life cover', 'life assurance'], members: ['term_life', 'whole_life'] },
  { phrases: ['retirement cover', 'later life plan', 'retirement insurance'], members: ['annuity', 'elderly_care'] },
  { phrases: ['savings insurance', 'savings plan', 'investment insurance'], members: ['whole_life', 'annuity', 'education'] },
  { phrases: ['property insurance', 'belongings cover', 'possessions insurance'], members: ['home', 'car', 'gadget'] },
  { phrases: ['family protection', 'family insurance', 'protection for the family'], members: ['term_life', 'whole_life', 'critical_illness', 'education', 'accident'] },
  { phrases: ['income insurance', 'earnings protection'], members: ['disability_income', 'critical_illness', 'annuity'] },
  { phrases: ['insurance', 'insurance plan', 'protection plan', 'a policy'], members: [], generic: true },
];

/** Broader terms whose group holds the category (generic ones hold every category). */
export function broaderTermsOf(category: string): BroaderTerm[] {
  return BROADER_TERMS.filter((term) => term.generic || term.members.includes(category));
}

/** Whether two categories share a (non-generic) broader term: siblings under "health cover" and the like. */
export function areSiblings(a: string, b: string): boolean {
  return a !== b && BROADER_TERMS.some((term) => !term.generic && term.members.includes(a) && term.members.includes(b));
}
