// Finds where a byte sequence stops being valid UTF-8 (the rules of the WHATWG UTF-8 decoder),
// so an encoding error can name its byte. Only run after TextDecoder has already failed.

/** Bytes a sequence with this lead byte needs, or 0 when the byte cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/**
 * Index of the first byte of the first invalid sequence, or -1. An incomplete sequence at the end
 * counts as invalid only when `final` (otherwise the next chunk may complete it).
 */
export function firstInvalidUtf8(bytes: Uint8Array, final: boolean): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(lead);
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return final ? i : -1;
      const [low, high] = k === 1 ? secondByteRange(lead) : [0x80, 0xbf];
      const byte = bytes[i + k];
      if (byte < low || byte > high) return i;
    }
    i += length;
  }
  return -1;
}

/** How many bytes at the end of `bytes` start a sequence that is not complete yet (0 to 3). */
export function incompleteTailLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const length = sequenceLength(byte);
    return length > back ? back : 0;
  }
  return 0;
}
