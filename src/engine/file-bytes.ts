// A file handed to the engine (a File from the page, or bytes from Node), read only when its size is
// within the import's cap: a file above it is refused by its size, without reading it.

/** The file's name when it has one (a File), for messages. */
export function fileNameOf(file: Blob | Uint8Array): string | null {
  return 'name' in file && typeof file.name === 'string' && file.name !== '' ? file.name : null;
}

export async function readCapped(file: Blob | Uint8Array, maxBytes: number, tooLarge: (bytes: number) => Error): Promise<Uint8Array> {
  const size = file instanceof Uint8Array ? file.byteLength : file.size;
  if (size > maxBytes) throw tooLarge(size);
  return file instanceof Uint8Array ? file : new Uint8Array(await file.arrayBuffer());
}
