import { describe, expect, it } from 'vitest';
import { guessColumn } from './column-guess';

describe('guessColumn', () => {
  it('finds the usual header names, keeps a choice the file still has, and gives up with an empty name', () => {
    const columns = ['search_term', 'product_title', 'relevance', 'product_uid'];
    expect(['query', 'title', 'label', 'itemId', 'id'].map((key) => guessColumn(key as never, columns))).toEqual(['search_term', 'product_title', 'relevance', 'product_uid', '']);
    expect(guessColumn('query', columns, 'product_title')).toBe('product_title');
    expect(guessColumn('query', columns, 'gone')).toBe('search_term');
  });
});
