// The import rule: core -> storage -> engine -> ui/cli. A file imports only from its own layer or a
// lower one (type imports included); the top ones (ui, cli, workers/) never import each other.
// Inside src/core and inside src/ui the folders import each other without a cycle. A folder is one
// directly under src/core (src/ui) or, under one that only groups folders (core's training/: loop/
// and step/), each of those; files directly in src/core are the base every folder may use. Files
// directly in src/ui are the page's base (theme, format, errors, the engine handle, the stage type...):
// every folder may use them and they import no folder of src/ui. So the page reads bottom-up: the
// base; settings/, stages/, job/; lab/ (the lab and its sessions); the screens' folders, which may
// use one another one way; app/ (the shell and which stage shows which screen).
// Fails naming each `file -> imported file` and cycle.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

export interface Import {
  from: string;
  to: string;
}

interface Layer {
  name: string;
  rank: number;
}

const LAYERS: readonly [prefix: string, layer: Layer][] = [
  ['src/core/', { name: 'core', rank: 0 }],
  ['src/storage/', { name: 'storage', rank: 1 }],
  ['src/engine/', { name: 'engine', rank: 2 }],
  ['src/ui/', { name: 'ui', rank: 3 }],
  ['src/cli/', { name: 'cli', rank: 3 }],
  ['workers/', { name: 'workers', rank: 3 }],
];

export function layerOf(file: string): Layer | null {
  return LAYERS.find(([prefix]) => file.startsWith(prefix))?.[1] ?? null;
}

/** Imports that go to a higher layer, or sideways between two different top layers. */
export function upwardImports(imports: readonly Import[]): string[] {
  const offences: string[] = [];
  for (const { from, to } of imports) {
    const source = layerOf(from);
    const target = layerOf(to);
    if (!source || !target || source.name === target.name) continue;
    if (target.rank > source.rank) offences.push(`${from} -> ${to} (${source.name} imports the higher layer ${target.name})`);
    else if (target.rank === source.rank) offences.push(`${from} -> ${to} (${source.name} and ${target.name} must not import each other)`);
  }
  return offences;
}

/**
 * The folder of `root` (src/core or src/ui) a file belongs to (`groups` lists the folders directly
 * under root that only group folders); null for files directly in root (the base) and outside it.
 */
export function folderOf(file: string, root: string, groups: ReadonlySet<string> = new Set()): string | null {
  if (!file.startsWith(`${root}/`)) return null;
  const match = /^([^/]+)\/(?:([^/]+)\/)?/.exec(file.slice(root.length + 1));
  if (!match) return null;
  return groups.has(match[1]) && match[2] ? `${match[1]}/${match[2]}` : match[1];
}

/** Cycles between the folders of `root`: the folders of each, then its shortest cycle as `a -> b -> ... -> a` and the file imports that make its edges. */
export function folderCycles(imports: readonly Import[], root: string, groups: ReadonlySet<string> = new Set()): string[] {
  const edges = new Map<string, Map<string, Import>>();
  for (const entry of imports) {
    const source = folderOf(entry.from, root, groups);
    const target = folderOf(entry.to, root, groups);
    if (!source || !target || source === target) continue;
    if (!edges.has(source)) edges.set(source, new Map());
    if (!edges.get(source)!.has(target)) edges.get(source)!.set(target, entry);
  }
  const cycles: string[] = [];
  for (const component of stronglyConnected(edges)) {
    const path = cycleThrough(component, edges);
    const steps = path.slice(0, -1).map((folder, index) => edges.get(folder)!.get(path[index + 1])!);
    cycles.push(`${component.join(', ')}: ${path.join(' -> ')}\n${steps.map((step) => `    ${step.from} -> ${step.to}`).join('\n')}`);
  }
  return cycles;
}

/** Imports from a file directly in `root` (its base) to a file in one of root's folders. */
export function baseImportsOfFolders(imports: readonly Import[], root: string): string[] {
  const inBase = (file: string) => file.startsWith(`${root}/`) && !file.slice(root.length + 1).includes('/');
  return imports.filter(({ from, to }) => inBase(from) && folderOf(to, root) !== null).map(({ from, to }) => `${from} -> ${to}`);
}

/** Tarjan's algorithm: the components of more than one folder. */
function stronglyConnected(edges: Map<string, Map<string, Import>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return components;
}

/** A shortest cycle from the component's first folder back to itself, staying inside the component. */
function cycleThrough(component: string[], edges: Map<string, Map<string, Import>>): string[] {
  const members = new Set(component);
  const start = component[0];
  const parent = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of edges.get(node)?.keys() ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at = node; at !== start; at = parent.get(at)!) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!parent.has(next)) {
        parent.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

// import x from 'a'; import type {x} from 'a'; import 'a'; export {x} from 'a'; export * from 'a'; import('a')
const IMPORT_PATTERNS = [
  /^\s*import\s+(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm,
  /^\s*export\s+[^'";]*?\s+from\s+['"]([^'"]+)['"]/gm,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

function importedSpecifiers(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return IMPORT_PATTERNS.flatMap((pattern) => [...withoutComments.matchAll(pattern)].map((match) => match[1]));
}

function resolveRelative(fromFile: string, specifier: string): string | null {
  const base = resolve(dirname(fromFile), specifier.replace(/\?.*$/, ''));
  const candidates = [base, `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? null;
}

function tsFilesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return tsFilesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The folders directly under `root` (src/core, src/ui) that hold no file of their own, only folders. */
export function groupFolders(root: string): Set<string> {
  const path = join(ROOT, root);
  const folders = readdirSync(path, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return new Set(folders.filter((folder) => !readdirSync(join(path, folder.name), { withFileTypes: true }).some((entry) => entry.isFile())).map((folder) => folder.name));
}

/** Every relative import of every .ts file (tests included) under src/ and workers/, as repository paths. */
export function repositoryImports(): Import[] {
  const imports: Import[] = [];
  for (const file of [...tsFilesUnder(join(ROOT, 'src')), ...tsFilesUnder(join(ROOT, 'workers'))]) {
    for (const specifier of importedSpecifiers(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      const target = resolveRelative(file, specifier);
      if (target) imports.push({ from: relative(ROOT, file), to: relative(ROOT, target) });
    }
  }
  return imports;
}

describe('the import rule', () => {
  it('catches an upward import, a sideways one between ui and cli, and a cycle between core folders', () => {
    const fabricated: Import[] = [
      { from: 'src/core/data/a.ts', to: 'src/storage/b.ts' },
      { from: 'src/storage/b.ts', to: 'src/core/io/c.ts' },
      { from: 'src/ui/d.ts', to: 'src/cli/e.ts' },
      { from: 'src/engine/f.ts', to: 'src/storage/b.ts' },
      { from: 'src/core/data/a.ts', to: 'src/core/text/g.ts' },
      { from: 'src/core/text/g.ts', to: 'src/core/model/h.ts' },
      { from: 'src/core/model/h.ts', to: 'src/core/data/i.ts' },
      { from: 'src/core/model/h.ts', to: 'src/core/errors.ts' },
      { from: 'src/core/errors.ts', to: 'src/core/model/h.ts' },
      { from: 'src/core/io/c.ts', to: 'src/core/random.ts' },
    ];
    expect(upwardImports(fabricated)).toEqual([
      'src/core/data/a.ts -> src/storage/b.ts (core imports the higher layer storage)',
      'src/ui/d.ts -> src/cli/e.ts (ui and cli must not import each other)',
    ]);
    expect(folderCycles(fabricated, 'src/core')).toEqual([
      'data, model, text: data -> text -> model -> data\n    src/core/data/a.ts -> src/core/text/g.ts\n    src/core/text/g.ts -> src/core/model/h.ts\n    src/core/model/h.ts -> src/core/data/i.ts',
    ]);
    expect(folderCycles(fabricated.filter((entry) => entry.to !== 'src/core/data/i.ts'), 'src/core')).toEqual([]);
  });

  it('takes the folders of a folder that only groups folders as folders of their own', () => {
    const groups = new Set(['training']);
    const fabricated: Import[] = [
      { from: 'src/core/training/loop/a.ts', to: 'src/core/checkpoint/b.ts' },
      { from: 'src/core/checkpoint/b.ts', to: 'src/core/training/step/c.ts' },
    ];
    expect(folderOf('src/core/training/step/c.ts', 'src/core', groups)).toBe('training/step');
    expect(folderOf('src/core/checkpoint/b.ts', 'src/core', groups)).toBe('checkpoint');
    expect(folderCycles(fabricated, 'src/core', groups)).toEqual([]);
    expect(folderCycles(fabricated, 'src/core')).toHaveLength(1);
    expect(folderCycles([...fabricated, { from: 'src/core/training/step/c.ts', to: 'src/core/training/loop/a.ts' }], 'src/core', groups)).toHaveLength(1);
  });

  it('catches a cycle between the page folders and a page base file that imports a folder', () => {
    const fabricated: Import[] = [
      { from: 'src/ui/app/app-shell.ts', to: 'src/ui/pipeline/run-all.ts' },
      { from: 'src/ui/pipeline/run-all.ts', to: 'src/ui/lab/lab.ts' },
      { from: 'src/ui/pipeline/run-all.ts', to: 'src/ui/theme.ts' },
      { from: 'src/ui/lab/lab.ts', to: 'src/ui/format.ts' },
      { from: 'src/ui/stage-header.ts', to: 'src/ui/stage.ts' },
      { from: 'src/core/data/a.ts', to: 'src/core/text/g.ts' },
      { from: 'src/core/text/g.ts', to: 'src/core/data/i.ts' },
    ];
    expect(folderOf('src/ui/lab/lab.ts', 'src/ui')).toBe('lab');
    expect(folderOf('src/ui/theme.ts', 'src/ui')).toBeNull();
    expect(folderCycles(fabricated, 'src/ui')).toEqual([]);
    expect(baseImportsOfFolders(fabricated, 'src/ui')).toEqual([]);
    const withCycle = [...fabricated, { from: 'src/ui/lab/pipeline-session.ts', to: 'src/ui/pipeline/stage-status.ts' }];
    expect(folderCycles(withCycle, 'src/ui')).toEqual([
      'lab, pipeline: lab -> pipeline -> lab\n    src/ui/lab/pipeline-session.ts -> src/ui/pipeline/stage-status.ts\n    src/ui/pipeline/run-all.ts -> src/ui/lab/lab.ts',
    ]);
    const baseUp = [...fabricated, { from: 'src/ui/format.ts', to: 'src/ui/lab/lab-state.ts' }];
    expect(baseImportsOfFolders(baseUp, 'src/ui')).toEqual(['src/ui/format.ts -> src/ui/lab/lab-state.ts']);
    expect(folderCycles(baseUp, 'src/ui')).toEqual([]);
  });

  const imports = repositoryImports();

  it('finds the imports it checks', () => {
    expect(imports.some((entry) => entry.from.startsWith('src/engine/') && entry.to.startsWith('src/storage/'))).toBe(true);
  });

  it('has no file importing from a higher layer', () => {
    expect(upwardImports(imports)).toEqual([]);
  });

  it('has no import cycle between the folders of src/core', () => {
    expect(folderCycles(imports, 'src/core', groupFolders('src/core'))).toEqual([]);
  });

  it('has no import cycle between the folders of src/ui', () => {
    expect(imports.some((entry) => entry.from.startsWith('src/ui/app/') && entry.to.startsWith('src/ui/lab/'))).toBe(true);
    expect(folderCycles(imports, 'src/ui', groupFolders('src/ui'))).toEqual([]);
  });

  it('has no file directly in src/ui importing from a folder of src/ui', () => {
    expect(baseImportsOfFolders(imports, 'src/ui')).toEqual([]);
  });
});
