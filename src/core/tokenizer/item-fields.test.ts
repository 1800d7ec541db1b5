import { describe, expect, it } from 'vitest';
import { itemFieldTexts } from './item-fields';

describe('itemFieldTexts', () => {
  it('puts the title first, then each field as "name: value" in display order', () => {
    const item = { title: 'BluePeak Lite Dental Plan', fields: { brand: 'BluePeak', 'monthly price': '12' } };
    expect(itemFieldTexts(item)).toEqual(['BluePeak Lite Dental Plan', 'brand: BluePeak', 'monthly price: 12']);
    expect(itemFieldTexts({ title: 'x', fields: {} })).toEqual(['x']);
  });
});
