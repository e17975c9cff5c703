// Draws media/icon.png (128×128): a cloud with a medical cross, no external tools.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const N = 128;
const px = Buffer.alloc(N * N * 4);
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
for (let y = 0; y < N; y++) {
  for (let x = 0; x < N; x++) {
    let c = [0, 0, 0, 0];
    // rounded-square background
    const r = 22,
      inside =
        (x >= r && x < N - r) ||
        (y >= r && y < N - r) ||
        [
          [r, r],
          [N - r - 1, r],
          [r, N - r - 1],
          [N - r - 1, N - r - 1],
        ].some(([cx, cy]) => inCircle(x, y, cx, cy, r));
    if (inside) c = [35, 47, 62, 255];
    // cloud
    const cloud =
      inCircle(x, y, 46, 70, 22) ||
      inCircle(x, y, 70, 56, 28) ||
      inCircle(x, y, 90, 74, 18) ||
      (y >= 70 && y <= 92 && x >= 46 && x <= 90);
    if (cloud) c = [255, 153, 0, 255];
    // cross
    const cross = (Math.abs(x - 68) <= 5 && y >= 56 && y <= 88) || (Math.abs(y - 72) <= 5 && x >= 52 && x <= 84);
    if (cross) c = [255, 255, 255, 255];
    px.set(c, (y * N + x) * 4);
  }
}
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) px.copy(raw, y * (N * 4 + 1) + 1, y * N * 4, (y + 1) * N * 4);
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8;
ihdr[9] = 6;
writeFileSync(
  'media/icon.png',
  Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]),
);
