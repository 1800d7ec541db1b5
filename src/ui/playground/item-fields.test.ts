import { describe, expect, it } from 'vitest';
import { formatItemFields, parseItemFields } from './item-fields';

describe('item field lines', () => {
  it('reads "name: value" lines, keeping colons in values and skipping blank lines', () => {
    expect(parseItemFields('category: term life\n\n  brand : Acme \r\nnote: ages 18: 65')).toEqual({
      fields: { category: 'term life', brand: 'Acme', note: 'ages 18: 65' },
      problems: [],
    });
  });

  it('names the lines it leaves out or overrides', () => {
    const parsed = parseItemFields('no colon here\n: no name\nbrand: A\nbrand: B');
    expect(parsed.fields).toEqual({ brand: 'B' });
    expect(parsed.problems).toEqual([
      'Line 1 ("no colon here") is not "name: value"; it is left out.',
      'Line 2 (": no name") is not "name: value"; it is left out.',
      'Field "brand" appears twice; line 4 is used.',
    ]);
  });

  it('writes fields back as lines that read the same', () => {
    const fields = { category: 'pet', 'max age': '12' };
    expect(parseItemFields(formatItemFields(fields)).fields).toEqual(fields);
  });
});
