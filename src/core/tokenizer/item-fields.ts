// The item's text fields in prompt order: the title, then each further field as "name: value".
import type { Item } from '../data/schema';

export function itemFieldTexts(item: Item): string[] {
  return [item.title, ...Object.entries(item.fields).map(([name, value]) => `${name}: ${value}`)];
}
