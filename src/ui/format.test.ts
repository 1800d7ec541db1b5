import { describe, expect, it } from 'vitest';
import { formatAdapter, formatBytes } from './format';

describe('formatBytes', () => {
  it('picks a readable unit', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MiB');
  });
});

describe('formatAdapter', () => {
  it('joins the known parts once', () => {
    expect(formatAdapter({ vendor: 'google', architecture: 'swiftshader', device: '', description: '' })).toBe('google · swiftshader');
    expect(formatAdapter(null)).toBe('none');
  });
});
