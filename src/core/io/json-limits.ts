// Bounds for JSON read from files: how deep a parsed value nests (checked without recursion, since
// JSON.parse takes any depth but JSON.stringify, structuredClone and IndexedDB overflow the stack
// on a deep one), and a short, bounded rendering of a value for error messages.

/** How deep objects and lists may nest in a file's JSON (lab records need under 10). */
export const MAX_JSON_DEPTH = 64;

/** Whether `value` nests objects and lists more than `limit` levels deep (a flat object is 1). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** `value` as JSON for a message, cut to about `max` characters; never throws. */
export function jsonPreview(value: unknown, max = 60): string {
  if (typeof value === 'object' && value !== null && nestsDeeperThan(value, 4)) return Array.isArray(value) ? '[...]' : '{...}';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}...` : text;
}
