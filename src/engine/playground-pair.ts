// A typed pair as the playground's methods take it: text, at most MAX_TEXT characters a field,
// refused with the option's name otherwise.
import type { Item } from '../core/data/schema';
import { InvalidOptionError } from './errors';
import type { PlaygroundPair } from './playground-types';

const MAX_TEXT = 10_000;

function checkText(name: string, value: unknown): string {
  if (typeof value !== 'string') throw new InvalidOptionError(`${name} must be text; got ${typeof value}.`, { option: name });
  if (value.length > MAX_TEXT) throw new InvalidOptionError(`${name} is ${value.length} characters; the playground takes at most ${MAX_TEXT}.`, { option: name });
  return value;
}

export function checkPair(pair: PlaygroundPair): PlaygroundPair {
  const item = pair?.item as Item | undefined;
  if (!item || typeof item !== 'object' || typeof item.fields !== 'object' || item.fields === null) {
    throw new InvalidOptionError('pair.item must be {title, fields: {name: value}}.', { option: 'pair.item' });
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(item.fields)) fields[checkText('a field name', name)] = checkText(`field "${name}"`, value);
  return { query: checkText('pair.query', pair.query), item: { title: checkText('pair.item.title', item.title), fields } };
}
