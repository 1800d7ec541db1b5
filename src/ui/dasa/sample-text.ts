// What the DASA views show of a pool sample: its text and shift tags, never its hidden gold grade.
import type { Example } from '../../core/data/schema';

export type SampleText = Pick<Example, 'id' | 'query' | 'item' | 'tags'>;
