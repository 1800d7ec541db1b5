// The page must never load tfjs: it lives in the engine worker. This walks the static (and dynamic)
// import graph from src/ui/app/main.ts and fails if any module it reaches imports @tensorflow/*.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

// import x from 'a'; import {x} from 'a'; import 'a'; export {x} from 'a'; export * from 'a'; import('a')
const IMPORT_PATTERNS = [
  /^\s*import\s+(?!type\b)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm,
  /^\s*export\s+(?!type\b)[^'";]*?\s+from\s+['"]([^'"]+)['"]/gm,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

export function importedSpecifiers(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return IMPORT_PATTERNS.flatMap((pattern) => [...withoutComments.matchAll(pattern)].map((match) => match[1]));
}

function resolveRelative(fromFile: string, specifier: string): string {
  const base = resolve(dirname(fromFile), specifier.replace(/\?.*$/, ''));
  const candidates = [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts')];
  const found = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  if (!found) throw new Error(`${relative(ROOT, fromFile)} imports "${specifier}", which does not resolve to a file`);
  return found;
}

export interface Offence {
  module: string;
  imports: string;
  chain: string[];
}

/** Every module reached from `entry` that imports a package whose name starts with `forbidden`. */
export function findForbiddenImports(entry: string, forbidden: string): { reached: string[]; offences: Offence[] } {
  const parent = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  const offences: Offence[] = [];
  const chainTo = (file: string) => {
    const chain: string[] = [];
    for (let at: string | null = file; at; at = parent.get(at) ?? null) chain.unshift(relative(ROOT, at));
    return chain;
  };
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (/\.(wasm|css|json)$/.test(file)) continue;
    for (const specifier of importedSpecifiers(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) {
        const target = resolveRelative(file, specifier);
        if (!parent.has(target)) {
          parent.set(target, file);
          queue.push(target);
        }
      } else if (specifier.startsWith(forbidden)) {
        offences.push({ module: relative(ROOT, file), imports: specifier, chain: chainTo(file) });
      }
    }
  }
  return { reached: [...parent.keys()].map((file) => relative(ROOT, file)), offences };
}

describe('the page thread never imports tfjs', () => {
  it('src/ui/app/main.ts reaches no module that imports @tensorflow/*', () => {
    const { reached, offences } = findForbiddenImports(join(ROOT, 'src/ui/app/main.ts'), '@tensorflow/');
    expect(reached).toContain('src/ui/app/app-shell.ts');
    expect(reached).toContain('src/ui/engine-client.ts');
    expect(offences, offences.map((o) => `${o.chain.join(' -> ')} imports ${o.imports}`).join('\n')).toEqual([]);
  });

  it('the walker finds tfjs behind a chain of relative and re-exporting imports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ui-imports-'));
    try {
      writeFileSync(join(dir, 'main.ts'), "import { a } from './a';\nimport type { T } from './types';\n");
      writeFileSync(join(dir, 'types.ts'), "import * as tf from '@tensorflow/tfjs';\nexport type T = tf.Tensor;\n");
      writeFileSync(join(dir, 'a.ts'), "// import '@tensorflow/tfjs-core';\nexport * from './b';\nexport const a = 1;\n");
      writeFileSync(join(dir, 'b.ts'), "export const b = () => import('@tensorflow/tfjs-backend-webgpu');\n");
      const { offences, reached } = findForbiddenImports(join(dir, 'main.ts'), '@tensorflow/');
      expect(reached.map((file) => file.split('/').pop())).toEqual(['main.ts', 'a.ts', 'b.ts']);
      expect(offences).toHaveLength(1);
      expect(offences[0].imports).toBe('@tensorflow/tfjs-backend-webgpu');
      expect(offences[0].chain.map((file) => file.split('/').pop())).toEqual(['main.ts', 'a.ts', 'b.ts']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
