// The insurance world the generator draws from: product categories with their words, features,
// eligible ages, terms and prices; which categories are adjacent (a weak match for each other);
// and the brands. Everything here is fictional.

/** Term of cover in years; whole-of-life products use this value and render as "lifelong". */
export const LIFELONG_YEARS = 100;

/** Who the eligible ages refer to; shapes the conversational persona ("my mum is 67", "my dog is 3"). */
export type Insured = 'person' | 'child' | 'pet';

export interface Category {
  key: string;
  /** Canonical name, shown in the item's category field. */
  name: string;
  /** Endings of product titles ("BluePeak Guardian Critical Illness Plan"). */
  titles: readonly string[];
  /** Query words seen in the in-distribution splits. */
  synonyms: readonly string[];
  /** Slang and shorthand, used only by the colloquial shift. */
  colloquial: readonly string[];
  /** A description of the need instead of the category's name, used by the conversational shift. */
  needs: readonly string[];
  features: readonly string[];
  /** Eligible age ranges a product of this category can have, inclusive. */
  ageRanges: readonly (readonly [number, number])[];
  /** Terms in years a product can have (LIFELONG_YEARS for whole of life). */
  terms: readonly number[];
  /** Monthly price range. */
  price: readonly [number, number];
  hasWaitingPeriod: boolean;
  hasMedicalExam: boolean;
  insured: Insured;
}

export const CATEGORIES: readonly Category[] = [
  {
    key: 'critical_illness', name: 'critical illness', titles: ['Critical Illness Plan', 'Critical Illness Cover'],
    synonyms: ['critical illness insurance', 'critical illness cover', 'critical illness plan', 'serious illness insurance'],
    colloquial: ['big illness cover', 'crit illness thing', 'dread disease cover', 'major illness payout'],
    needs: ['something that pays a lump sum after a stroke or heart attack', 'a policy that pays out on a serious diagnosis'],
    features: ['cancer', 'stroke', 'heart attack', 'multiple payouts', 'premium waiver'],
    ageRanges: [[18, 50], [18, 60], [0, 55], [30, 65], [40, 70]], terms: [10, 20, 30, LIFELONG_YEARS], price: [15, 300],
    hasWaitingPeriod: true, hasMedicalExam: true, insured: 'person',
  },
  {
    key: 'cancer', name: 'cancer', titles: ['Cancer Protection Plan', 'Cancer Cover'],
    synonyms: ['cancer insurance', 'cancer cover', 'cancer protection plan'],
    colloquial: ['tumour cover', 'insurance for the big c', 'oncology payout plan', 'chemo cover'],
    needs: ['something that pays for cancer treatment', 'a policy that covers chemo and tumour surgery'],
    features: ['proton therapy', 'targeted drugs', 'early stage cancer', 'recurrence', 'second opinion'],
    ageRanges: [[0, 60], [18, 65], [30, 70], [50, 80]], terms: [1, 5, 10, 20], price: [5, 150],
    hasWaitingPeriod: true, hasMedicalExam: true, insured: 'person',
  },
  {
    key: 'medical', name: 'medical', titles: ['Medical Insurance', 'Health Plan'],
    synonyms: ['medical insurance', 'health insurance', 'medical plan', 'hospital bills insurance'],
    colloquial: ['cover for doctor bills', 'med insurance', 'insurance for when im sick', 'healthcare cover'],
    needs: ['something that pays the hospital bills after an illness', 'a plan that reimburses surgery and hospital stays'],
    features: ['inpatient', 'outpatient', 'surgery', 'imported drugs', 'direct billing'],
    ageRanges: [[0, 60], [0, 65], [18, 70], [60, 80]], terms: [1, 5], price: [10, 200],
    hasWaitingPeriod: true, hasMedicalExam: true, insured: 'person',
  },
  {
    key: 'hospital_cash', name: 'hospital cash', titles: ['Hospital Cash Plan', 'Daily Hospital Allowance'],
    synonyms: ['hospital cash insurance', 'hospital allowance plan', 'daily hospital cash'],
    colloquial: ['money per day in hospital', 'hosp cash', 'cash for every night in hospital', 'ward pocket money cover'],
    needs: ['something that pays a fixed amount for each day spent in hospital', 'daily cash during a hospital stay'],
    features: ['icu double pay', 'day surgery', 'recovery benefit', 'no deductible'],
    ageRanges: [[0, 65], [18, 60], [18, 75]], terms: [1, 5, 10], price: [5, 60],
    hasWaitingPeriod: true, hasMedicalExam: false, insured: 'person',
  },
  {
    key: 'accident', name: 'accident', titles: ['Personal Accident Plan', 'Accident Cover'],
    synonyms: ['accident insurance', 'personal accident cover', 'accident protection'],
    colloquial: ['injury cover', 'insurance for getting hurt', 'broken bones cover', 'mishap insurance'],
    needs: ['something that pays out after an injury', 'cover for injuries from falls or crashes'],
    features: ['fractures', 'accidental death', 'ambulance', 'sports injuries', 'disability lump sum'],
    ageRanges: [[0, 17], [18, 60], [18, 70], [60, 85]], terms: [1, 5], price: [3, 50],
    hasWaitingPeriod: false, hasMedicalExam: false, insured: 'person',
  },
  {
    key: 'term_life', name: 'term life', titles: ['Term Life Plan', 'Term Life Cover'],
    synonyms: ['term life insurance', 'term life cover', 'term life policy'],
    colloquial: ['life cover for the mortgage years', 'pure life cover', 'death cover for a set time', 'temp life insurance'],
    needs: ['something that pays the family if a parent dies while the kids are young', 'a payout for the family if death comes before the loan is paid'],
    features: ['terminal illness', 'accidental death double pay', 'convertible', 'decreasing cover'],
    ageRanges: [[18, 50], [18, 55], [18, 60], [25, 65]], terms: [10, 20, 30], price: [10, 150],
    hasWaitingPeriod: true, hasMedicalExam: true, insured: 'person',
  },
  {
    key: 'whole_life', name: 'whole life', titles: ['Whole Life Plan', 'Lifetime Protection'],
    synonyms: ['whole life insurance', 'whole life policy', 'lifetime life insurance'],
    colloquial: ['life cover that never ends', 'forever life insurance', 'permanent cover', 'legacy policy'],
    needs: ['something that pays out on death at any age and builds cash value', 'a policy that leaves money to the kids'],
    features: ['cash value', 'policy loan', 'inheritance planning', 'paid-up option'],
    ageRanges: [[0, 60], [18, 65], [30, 70]], terms: [LIFELONG_YEARS], price: [50, 800],
    hasWaitingPeriod: true, hasMedicalExam: true, insured: 'person',
  },
  {
    key: 'annuity', name: 'annuity', titles: ['Pension Annuity', 'Retirement Income Plan'],
    synonyms: ['annuity insurance', 'pension annuity', 'retirement income plan'],
    colloquial: ['pension top up', 'monthly money after retiring', 'old age income', 'retirement pay cheque'],
    needs: ['something that pays a monthly income after retirement', 'guaranteed income once work stops'],
    features: ['guaranteed income', 'joint life', 'inflation linked', 'lump sum option'],
    ageRanges: [[18, 55], [30, 60], [40, 70], [55, 75]], terms: [10, 20, LIFELONG_YEARS], price: [100, 1500],
    hasWaitingPeriod: false, hasMedicalExam: false, insured: 'person',
  },
  {
    key: 'elderly_care', name: 'elderly care', titles: ['Elderly Care Plan', 'Long-Term Care Cover'],
    synonyms: ['elderly care insurance', 'long-term care insurance', 'senior care plan'],
    colloquial: ['nursing home cover', 'care for old parents', 'granny care plan', 'old folks care cover'],
    needs: ['something that pays for a carer or a nursing home in old age', 'help paying for care at home when living alone gets hard'],
    features: ['home nursing', 'care home fees', 'dementia', 'rehabilitation'],
    ageRanges: [[50, 75], [55, 80], [60, 85], [45, 70]], terms: [5, 10, LIFELONG_YEARS], price: [30, 400],
    hasWaitingPeriod: true, hasMedicalExam: true, insured: 'person',
  },
  {
    key: 'travel', name: 'travel', titles: ['Travel Insurance', 'Trip Protection'],
    synonyms: ['travel insurance', 'trip insurance', 'overseas travel cover'],
    colloquial: ['holiday cover', 'insurance for a trip abroad', 'vacation insurance', 'backpacker cover'],
    needs: ['something for an overseas trip in case flights are cancelled', 'cover for falling ill on a holiday abroad'],
    features: ['flight delay', 'lost luggage', 'trip cancellation', 'emergency evacuation', 'visa refusal'],
    ageRanges: [[0, 70], [0, 80], [18, 65], [18, 85]], terms: [1], price: [3, 60],
    hasWaitingPeriod: false, hasMedicalExam: false, insured: 'person',
  },
  {
    key: 'car', name: 'car', titles: ['Car Insurance', 'Motor Cover'],
    synonyms: ['car insurance', 'auto insurance', 'motor insurance'],
    colloquial: ['insurance for my ride', 'wheels cover', 'vehicle cover', 'motor cover for my banger'],
    needs: ['something that covers damage after a car crash', 'cover for scratches and crashes on the car'],
    features: ['third party liability', 'windscreen', 'roadside assistance', 'theft', 'courtesy car'],
    ageRanges: [[18, 70], [21, 75], [25, 80]], terms: [1], price: [30, 400],
    hasWaitingPeriod: false, hasMedicalExam: false, insured: 'person',
  },
  {
    key: 'home', name: 'home', titles: ['Home Insurance', 'Household Cover'],
    synonyms: ['home insurance', 'household insurance', 'house insurance'],
    colloquial: ['insurance for my flat', 'cover for my pad', 'apartment cover', 'burglary and flood cover'],
    needs: ['something that pays if a pipe bursts or someone breaks in', 'cover for the flat against fire and theft'],
    features: ['fire', 'flood', 'burglary', 'water damage', 'contents'],
    ageRanges: [[18, 80], [18, 70], [21, 85]], terms: [1], price: [5, 120],
    hasWaitingPeriod: false, hasMedicalExam: false, insured: 'person',
  },
  {
    key: 'education', name: 'education savings', titles: ['Education Savings Plan', 'Children Education Fund'],
    synonyms: ['education insurance', 'child education plan', 'education savings insurance'],
    colloquial: ['college fund policy', 'uni money for the kid', 'school fees saver', 'kiddo study fund'],
    needs: ['something that saves up for university fees', 'money for the kids to go to college later'],
    features: ['guaranteed maturity', 'premium waiver', 'staged payouts', 'university bonus'],
    ageRanges: [[0, 10], [0, 15], [0, 17]], terms: [10, 20], price: [50, 600],
    hasWaitingPeriod: false, hasMedicalExam: false, insured: 'child',
  },
  {
    key: 'disability_income', name: 'disability income', titles: ['Income Protection Plan', 'Disability Income Cover'],
    synonyms: ['disability income insurance', 'income protection insurance', 'disability cover'],
    colloquial: ['cover for being unable to work', 'salary protection', 'pay cheque cover', 'off work insurance'],
    needs: ['something that replaces the salary after an illness or injury stops work', 'monthly income while too ill to work'],
    features: ['own occupation', 'partial disability', 'return to work support', 'indexation'],
    ageRanges: [[18, 55], [18, 60], [25, 65]], terms: [5, 10, 20], price: [20, 250],
    hasWaitingPeriod: true, hasMedicalExam: true, insured: 'person',
  },
  {
    key: 'pet', name: 'pet', titles: ['Pet Insurance', 'Pet Health Cover'],
    synonyms: ['pet insurance', 'pet health insurance', 'dog and cat insurance'],
    colloquial: ['vet bills cover', 'insurance for my pup', 'doggo cover', 'kitty insurance'],
    needs: ['something that pays the vet after an illness', 'cover for vet bills'],
    features: ['vet fees', 'pet liability', 'lost pet', 'dental accidents'],
    ageRanges: [[0, 8], [0, 10], [1, 12]], terms: [1], price: [5, 80],
    hasWaitingPeriod: true, hasMedicalExam: false, insured: 'pet',
  },
  {
    key: 'dental', name: 'dental', titles: ['Dental Plan', 'Dental Cover'],
    synonyms: ['dental insurance', 'dental plan', 'dental cover'],
    colloquial: ['teeth cover', 'tooth insurance', 'braces and fillings cover', 'dentist bills plan'],
    needs: ['something that pays for fillings and a root canal', 'cover for the dentist and braces'],
    features: ['fillings', 'orthodontics', 'root canal', 'cleanings', 'implants'],
    ageRanges: [[0, 17], [0, 65], [18, 70]], terms: [1, 5], price: [5, 80],
    hasWaitingPeriod: true, hasMedicalExam: false, insured: 'person',
  },
  {
    key: 'maternity', name: 'maternity', titles: ['Maternity Plan', 'Pregnancy Cover'],
    synonyms: ['maternity insurance', 'pregnancy insurance', 'maternity cover'],
    colloquial: ['baby on the way cover', 'insurance for having a baby', 'pregnant cover', 'birth costs plan'],
    needs: ['something that covers the delivery and checkups during pregnancy', 'cover for giving birth and newborn care'],
    features: ['prenatal checkups', 'c-section', 'newborn care', 'complications'],
    ageRanges: [[18, 40], [20, 45], [18, 45]], terms: [1], price: [20, 200],
    hasWaitingPeriod: true, hasMedicalExam: false, insured: 'person',
  },
  {
    key: 'gadget', name: 'gadget', titles: ['Gadget Insurance', 'Phone Protection'],
    synonyms: ['gadget insurance', 'phone insurance', 'device protection plan'],
    colloquial: ['cracked screen cover', 'insurance for my mobile', 'laptop cover', 'smashed phone insurance'],
    needs: ['something that pays when a dropped phone smashes its screen', 'cover for a stolen laptop'],
    features: ['screen repair', 'device theft', 'liquid damage', 'battery replacement'],
    ageRanges: [[16, 70], [18, 80]], terms: [1, 2], price: [3, 30],
    hasWaitingPeriod: false, hasMedicalExam: false, insured: 'person',
  },
];

/** Pairs of categories that are a weak match for each other (symmetric). */
const ADJACENT_PAIRS: readonly (readonly [string, string])[] = [
  ['critical_illness', 'cancer'], ['critical_illness', 'medical'], ['critical_illness', 'hospital_cash'],
  ['critical_illness', 'disability_income'], ['cancer', 'medical'], ['medical', 'hospital_cash'],
  ['medical', 'elderly_care'], ['accident', 'travel'], ['accident', 'disability_income'], ['accident', 'car'],
  ['term_life', 'whole_life'], ['whole_life', 'annuity'], ['whole_life', 'education'], ['annuity', 'elderly_care'],
  ['annuity', 'education'], ['car', 'home'], ['pet', 'home'], ['dental', 'medical'], ['maternity', 'medical'],
  ['maternity', 'hospital_cash'], ['gadget', 'home'],
];

export const ADJACENCY: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const map = new Map<string, Set<string>>(CATEGORIES.map((c) => [c.key, new Set<string>()]));
  for (const [a, b] of ADJACENT_PAIRS) {
    map.get(a)!.add(b);
    map.get(b)!.add(a);
  }
  return map;
})();

export function areAdjacent(a: string, b: string): boolean {
  return ADJACENCY.get(a)?.has(b) ?? false;
}

const BY_KEY = new Map(CATEGORIES.map((c) => [c.key, c]));

export function categoryByKey(key: string): Category | undefined {
  return BY_KEY.get(key);
}

/** Categories that, by default, appear only in the OOD test and the OOD part of the pool. */
export const DEFAULT_UNSEEN_CATEGORIES: readonly string[] = ['pet', 'dental', 'maternity', 'gadget'];

/** Brands of the in-distribution splits. Single tokens, so typos never touch them. */
export const SEEN_BRANDS: readonly string[] = [
  'BluePeak', 'Harborline', 'Sunmere', 'Evergrove', 'Goldshield', 'Lotusbay', 'Northstar', 'Pinecrest',
  'Silverline', 'Tridenta', 'Anchorwell', 'Redwood',
];

/** Brands that appear only under the unseen_brand shift. */
export const UNSEEN_BRANDS: readonly string[] = ['Qilinora', 'Marigolde', 'Kestrelis', 'Orchidon', 'Vantaro', 'Jadeway'];

/** Middle words of product titles. */
export const PRODUCT_LINES: readonly string[] = ['Guardian', 'Care Plus', 'Essential', 'Premier', 'Lite', 'Shield', 'Secure', 'Family'];
