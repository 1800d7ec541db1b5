// The prefix of the ids given to rows without an id column ("<prefix>:<line>"). It is the file's
// stem when that is unique among the files imported together; files that share a stem are told
// apart by their extension, then by as many folders as it takes, and last by a number ("data#2"),
// so two files named data.csv never give two rows one id.

function segments(name: string): string[] {
  const parts = name.split(/[\\/]/).filter((part) => part !== '');
  return parts.length > 0 ? parts : [name];
}

function stem(base: string): string {
  return base.replace(/\.[^.]*$/, '') || base;
}

/** Level 0: the stem; 1: the file name; n >= 2: the last n path segments, the file's stem last. */
function candidate(name: string, level: number): string {
  const parts = segments(name);
  const base = parts[parts.length - 1];
  if (level === 0) return stem(base);
  if (level === 1) return base;
  return [...parts.slice(-level, -1), stem(base)].join('/');
}

/** One prefix per file name, in order, all different. */
export function idPrefixes(names: readonly string[]): string[] {
  const prefixes = names.map((name) => candidate(name, 0));
  const groups = new Map<string, number[]>();
  prefixes.forEach((prefix, index) => groups.set(prefix, [...(groups.get(prefix) ?? []), index]));
  const takenByOthers = (prefix: string, group: readonly number[]) => prefixes.some((p, i) => p === prefix && !group.includes(i));

  for (const [shared, group] of groups) {
    if (group.length < 2) continue;
    const deepest = Math.max(...group.map((index) => segments(names[index]).length));
    let resolved = false;
    for (let level = 1; level <= deepest && !resolved; level++) {
      const tried = group.map((index) => candidate(names[index], level));
      if (new Set(tried).size === group.length && !tried.some((prefix) => takenByOthers(prefix, group))) {
        group.forEach((index, k) => (prefixes[index] = tried[k]));
        resolved = true;
      }
    }
    if (resolved) continue;
    let number = 2;
    for (const index of group.slice(1)) {
      while (prefixes.includes(`${shared}#${number}`)) number++;
      prefixes[index] = `${shared}#${number}`;
      number++;
    }
  }
  return prefixes;
}
