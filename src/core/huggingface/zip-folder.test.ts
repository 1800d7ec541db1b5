import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { HuggingFaceImportError } from './errors';
import { unzipFolder, zipFolder } from './zip-folder';

const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

describe('Hugging Face folders as .zip files', () => {
  it('round-trips the files, names and bytes', () => {
    const files = [file('config.json', '{"model_type":"gpt2"}'), file('model.safetensors', 'x'.repeat(1000))];
    expect(unzipFolder(zipFolder(files), 'm.zip')).toEqual(files);
  });

  it('reads a deflated zip of one folder as that folder', () => {
    const zip = zipSync({ 'gpt2/': new Uint8Array(0), 'gpt2/config.json': new TextEncoder().encode('{}'), 'gpt2/tokenizer.json': new TextEncoder().encode('{"a": 1}') }, { level: 6 });
    expect(unzipFolder(zip, 'gpt2.zip').map((f) => f.name)).toEqual(['config.json', 'tokenizer.json']);
  });

  it('refuses a damaged zip and one of several folders, naming the file', () => {
    expect(() => unzipFolder(new Uint8Array([1, 2, 3]), 'broken.zip')).toThrow(HuggingFaceImportError);
    expect(() => unzipFolder(new Uint8Array([1, 2, 3]), 'broken.zip')).toThrow(/^broken\.zip: not a readable \.zip file/);
    const two = zipSync({ 'a/config.json': new Uint8Array(1), 'b/config.json': new Uint8Array(1) });
    expect(() => unzipFolder(two, 'two.zip')).toThrow(/two\.zip: holds files in 2 folders \(a\/, b\/\)/);
  });
});
