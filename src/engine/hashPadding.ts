/**
 * The message padding SHA-1 and SHA-256 share (FIPS 180-4 §5.1.1): the UTF-8 bytes, a 1 bit, zeros,
 * then the length in bits as a 64-bit big-endian number, to a multiple of 64 bytes. Read the
 * result's 32-bit words with `getUint32` (big-endian) in blocks of 64 bytes.
 */
export function paddedMessage(text: string): DataView {
  const bytes = new TextEncoder().encode(text);
  const bitLength = bytes.length * 8;
  const padded = new Uint8Array((((bytes.length + 8) >> 6) + 1) << 6);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000));
  view.setUint32(padded.length - 4, bitLength >>> 0);
  return view;
}
