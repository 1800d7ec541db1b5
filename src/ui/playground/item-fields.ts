// The item's extra text fields as a person types them: one "name: value" per line.

export interface ParsedItemFields {
  fields: Record<string, string>;
  /** Lines left out or overridden, each said in a sentence. */
  problems: string[];
}

export function parseItemFields(text: string): ParsedItemFields {
  const fields: Record<string, string> = {};
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (name === '') {
      problems.push(`Line ${index + 1} ("${line}") is not "name: value"; it is left out.`);
      return;
    }
    if (Object.hasOwn(fields, name)) problems.push(`Field "${name}" appears twice; line ${index + 1} is used.`);
    fields[name] = line.slice(colon + 1).trim();
  });
  return { fields, problems };
}

export function formatItemFields(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}
