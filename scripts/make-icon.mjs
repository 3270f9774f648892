#!/usr/bin/env node
// Draws resources/icon.png (1024×1024): a white key on a rounded blue square. No image tools needed.
// 1024 pixels because electron-builder makes the macOS .icns from it, which needs at least 512;
// the shapes are drawn on a 256-unit grid, scaled.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 1024;
const scale = size / 256;
const pixels = Buffer.alloc(size * size * 4);
const inRoundedSquare = (x, y) => {
  const r = 48,
    min = 8,
    max = 256 - 8;
  if (x < min || y < min || x >= max || y >= max) return false;
  const cx = Math.min(Math.max(x, min + r), max - r),
    cy = Math.min(Math.max(y, min + r), max - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const inKey = (x, y) => {
  const ring = (x - 86) ** 2 + (y - 128) ** 2;
  if (ring <= 44 ** 2 && ring >= 20 ** 2) return true;
  if (x >= 126 && x <= 212 && y >= 118 && y <= 138) return true; // shaft
  if (x >= 172 && x <= 186 && y >= 138 && y <= 168) return true; // tooth
  if (x >= 198 && x <= 212 && y >= 138 && y <= 160) return true; // tooth
  return false;
};
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const i = (y * size + x) * 4;
    // Each pixel is judged at its centre, in the 256-unit grid the shapes are drawn on.
    const [u, v] = [(x + 0.5) / scale, (y + 0.5) / scale];
    if (!inRoundedSquare(u, v)) continue;
    const [r, g, b] = inKey(u, v) ? [255, 255, 255] : [36, 89, 209];
    pixels.set([r, g, b, 255], i);
  }
}
const raw = Buffer.alloc((size * 4 + 1) * size);
for (let y = 0; y < size; y++)
  pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8);
writeFileSync(
  new URL('../resources/icon.png', import.meta.url),
  Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]),
);
