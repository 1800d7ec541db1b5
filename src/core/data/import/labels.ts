// From a label cell to a grade: either named categories (Exact=2, E=2, ...) or a numeric score cut
// into three grades by two thresholds the user sees (score >= t1 -> 1, score >= t2 -> 2).
import { GRADES, isGrade, type Grade } from '../schema';
import { ImportOptionError, importFault, listValues, NotANumberError, ScoreOutOfRangeError, UnknownLabelError, type Place } from './errors';

export type LabelRule =
  | { kind: 'categories'; map: Record<string, Grade> }
  | { kind: 'scores'; thresholds: [number, number]; range: [number, number] | null };

/** Grades 0, 1, 2 written as themselves: the default for generic files. */
export const NUMERIC_GRADES: Record<string, Grade> = { '0': 0, '1': 1, '2': 2 };

export function optionError(option: string, problem: string): ImportOptionError {
  return new ImportOptionError(`${option}: ${problem}`, { file: option, problem });
}

/** Parses "E=2,S=1,C=1,I=0". */
export function parseLabelMap(text: string, option = '--labels'): Record<string, Grade> {
  const map: Record<string, Grade> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.lastIndexOf('=');
    const name = part.slice(0, eq).trim();
    const grade = Number(part.slice(eq + 1));
    if (eq <= 0 || !isGrade(grade)) throw optionError(option, `"${part}" should look like NAME=GRADE with GRADE 0, 1 or 2`);
    map[name] = grade;
  }
  if (Object.keys(map).length === 0) throw optionError(option, 'no labels given (e.g. E=2,S=1,C=1,I=0)');
  return map;
}

function parseNumberPair(text: string, option: string, example: string): [number, number] {
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n))) throw optionError(option, `expected two numbers like ${example}, got "${text}"`);
  if (!(parts[0] < parts[1])) throw optionError(option, `the first number must be below the second, got "${text}"`);
  return [parts[0], parts[1]];
}

export function parseThresholds(text: string): [number, number] {
  return parseNumberPair(text, '--thresholds', '1.67,2.34');
}

export function parseScoreRange(text: string): [number, number] {
  return parseNumberPair(text, '--score-range', '1,3');
}

export function checkScoreRule(rule: Extract<LabelRule, { kind: 'scores' }>): void {
  const [t1, t2] = rule.thresholds;
  if (!(t1 < t2)) throw optionError('--thresholds', `thresholds must increase, got ${t1},${t2}`);
  if (rule.range && (t1 <= rule.range[0] || t2 > rule.range[1])) {
    throw optionError('--thresholds', `thresholds ${t1},${t2} must lie inside the score range ${rule.range[0]}..${rule.range[1]} (each grade needs room)`);
  }
}

/** A case-insensitive lookup over the category names, exact spellings first. */
function lookupCategory(map: Record<string, Grade>, raw: string): Grade | undefined {
  if (Object.hasOwn(map, raw)) return map[raw];
  const wanted = raw.trim().toLowerCase();
  for (const [name, grade] of Object.entries(map)) if (name.trim().toLowerCase() === wanted) return grade;
  return undefined;
}

/** Cached matcher: the same few label strings repeat millions of times. */
export function gradeReader(rule: LabelRule): (raw: string, place: () => Place) => Grade {
  if (rule.kind === 'categories') {
    const cache = new Map<string, Grade>();
    const allowed = Object.keys(rule.map);
    return (raw, place) => {
      const hit = cache.get(raw);
      if (hit !== undefined) return hit;
      const grade = lookupCategory(rule.map, raw);
      if (grade === undefined) {
        const problem = raw.trim() === '' ? 'the label is empty' : `unknown label ${JSON.stringify(raw)}`;
        throw importFault(UnknownLabelError, place(), `${problem}; allowed labels: ${listValues(allowed)} (set them with --labels NAME=GRADE,...)`, { allowed });
      }
      cache.set(raw, grade);
      return grade;
    };
  }
  const [t1, t2] = rule.thresholds;
  return (raw, place) => {
    const text = raw.trim();
    const score = text === '' ? NaN : Number(text);
    if (!Number.isFinite(score)) throw importFault(NotANumberError, place(), `the score ${JSON.stringify(raw)} is not a number`);
    if (rule.range && (score < rule.range[0] || score > rule.range[1])) {
      throw importFault(ScoreOutOfRangeError, place(), `the score ${score} is outside the declared range ${rule.range[0]}..${rule.range[1]} (set it with --score-range MIN,MAX)`, { range: rule.range });
    }
    return score >= t2 ? 2 : score >= t1 ? 1 : 0;
  };
}

/** One line for the CLI and for dataset.json, e.g. "score < 1.67 -> 0, 1.67 <= score < 2.34 -> 1, score >= 2.34 -> 2". */
export function describeLabelRule(rule: LabelRule): string {
  if (rule.kind === 'scores') {
    const [t1, t2] = rule.thresholds;
    const range = rule.range ? ` (scores must lie in ${rule.range[0]}..${rule.range[1]})` : '';
    return `score < ${t1} -> 0, ${t1} <= score < ${t2} -> 1, score >= ${t2} -> 2${range}`;
  }
  return GRADES.map((grade) => `${Object.keys(rule.map).filter((name) => rule.map[name] === grade).join('/') || '(none)'} -> ${grade}`).join(', ');
}

/** Names of the three grades for the UI, taken from the rule. */
export function labelNamesOf(rule: LabelRule): [string, string, string] {
  if (rule.kind === 'scores') {
    const [t1, t2] = rule.thresholds;
    return [`score < ${t1}`, `${t1} <= score < ${t2}`, `score >= ${t2}`];
  }
  const names = GRADES.map((grade) => Object.keys(rule.map).filter((name) => rule.map[name] === grade).join('/') || String(grade));
  return [names[0], names[1], names[2]];
}
