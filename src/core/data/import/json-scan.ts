// Checks a line of JSON by its grammar before it is parsed, without recursion: finds the first
// character that cannot belong there, nesting deeper than a limit, and a key that an object
// already has (JSON.parse keeps the last one silently, so a row would change meaning unseen).

/** How deep objects and lists may nest in one line (a lab example needs 3). */
export const MAX_JSON_DEPTH = 64;

export type JsonScanFault =
  | { kind: 'syntax'; index: number }
  | { kind: 'too-deep'; index: number; limit: number }
  | { kind: 'duplicate-key'; index: number; key: string; firstIndex: number };

const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't'].map((c) => c.charCodeAt(0)));
const WORDS = ['true', 'false', 'null'];
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
/** A backslash or a control character: what a string cannot hold as it is. */
const SPECIAL = /[\\\u0000-\u001f]/;

function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

/** Index just after the string starting at `i` (a quote), or the fault's index as -(index + 1). */
function scanString(text: string, i: number): number {
  if (text.charCodeAt(i) !== 0x22) return -(i + 1);
  // Fast path: up to the next quote, nothing that needs a closer look.
  const quote = text.indexOf('"', i + 1);
  if (quote !== -1 && !SPECIAL.test(text.slice(i + 1, quote))) return quote + 1;
  for (let k = i + 1; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x22) return k + 1;
    if (c < 0x20) return -(k + 1);
    if (c === 0x5c) {
      const e = text.charCodeAt(k + 1);
      if (e === 0x75) {
        if (!HEX4.test(text.slice(k + 2, k + 6))) return -(k + 1);
        k += 5;
      } else if (ESCAPES.has(e)) k += 1;
      else return -(k + 1);
    }
  }
  return -(text.length + 1);
}

/** Index just after the number or literal at `i`, or -1. */
function scanScalar(text: string, i: number): number {
  const c = text[i];
  for (const word of WORDS) if (c === word[0]) return text.startsWith(word, i) ? i + word.length : -1;
  NUMBER.lastIndex = i;
  const match = NUMBER.exec(text);
  return match ? i + match[0].length : -1;
}

interface ObjectFrame {
  /** Key -> index of its opening quote. */
  keys: Map<string, number>;
}
/** null for a list. */
type Frame = ObjectFrame | null;

/** The first fault of `text` as one JSON value, or null when it is valid. */
export function scanJson(text: string, maxDepth = MAX_JSON_DEPTH): JsonScanFault | null {
  const stack: Frame[] = [];
  let state: 'value' | 'key' | 'after' = 'value';
  let i = skipSpace(text, 0);
  const syntax = (index: number): JsonScanFault => ({ kind: 'syntax', index: Math.min(index, text.length) });
  for (;;) {
    if (state === 'value') {
      const c = text[i];
      if (c === '{' || c === '[') {
        if (stack.length >= maxDepth) return { kind: 'too-deep', index: i, limit: maxDepth };
        const close = c === '{' ? '}' : ']';
        const next = skipSpace(text, i + 1);
        if (text[next] === close) {
          i = next + 1;
          state = 'after';
        } else {
          stack.push(c === '{' ? { keys: new Map() } : null);
          i = next;
          state = c === '{' ? 'key' : 'value';
        }
        continue;
      }
      const end = c === '"' ? scanString(text, i) : scanScalar(text, i);
      if (end < 0) return syntax(c === '"' ? -end - 1 : i);
      i = end;
      state = 'after';
    } else if (state === 'key') {
      const top = stack[stack.length - 1] as ObjectFrame;
      const end = scanString(text, i);
      if (end < 0) return syntax(-end - 1);
      const raw = text.slice(i + 1, end - 1);
      const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
      const first = top.keys.get(key);
      if (first !== undefined) return { kind: 'duplicate-key', index: i, key, firstIndex: first };
      top.keys.set(key, i);
      i = skipSpace(text, end);
      if (text[i] !== ':') return syntax(i);
      i = skipSpace(text, i + 1);
      state = 'value';
    } else {
      i = skipSpace(text, i);
      if (stack.length === 0) return i < text.length ? syntax(i) : null;
      const top = stack[stack.length - 1];
      const c = text[i];
      if (c === ',') {
        i = skipSpace(text, i + 1);
        state = top === null ? 'value' : 'key';
      } else if (c === (top === null ? ']' : '}')) {
        stack.pop();
        i++;
      } else return syntax(i);
    }
  }
}
