#!/usr/bin/env node
// Draws media/icon.png, the 128×128 Marketplace icon: three agents joined as a graph on a rounded
// indigo-to-teal tile. Plain Node (zlib for the PNG), so it reruns anywhere: node media/make-icon.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4; // per axis: 16 samples a pixel for smooth edges

const from = [79, 70, 229]; // indigo
const to = [14, 165, 233]; // sky/teal
const nodes = [
  { x: 40, y: 42, r: 14 },
  { x: 90, y: 50, r: 12 },
  { x: 58, y: 92, r: 13 },
];
const edges = [
  [0, 1],
  [0, 2],
  [1, 2],
];

function roundedRect(px, py, x0, y0, x1, y1, r) {
  const cx = Math.max(x0 + r, Math.min(px, x1 - r));
  const cy = Math.max(y0 + r, Math.min(py, y1 - r));
  return Math.hypot(px - cx, py - cy) <= r;
}

function segmentDistance(px, py, a, b) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((px - a.x) * dx + (py - a.y) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (a.x + t * dx), py - (a.y + t * dy));
}

/** Colour and alpha of one sample point. */
function sample(px, py) {
  if (!roundedRect(px, py, 4, 4, SIZE - 4, SIZE - 4, 24)) return [0, 0, 0, 0];
  const t = (px + py) / (2 * SIZE);
  let rgb = from.map((c, i) => c + (to[i] - c) * t);
  const white = [255, 255, 255];
  for (const [a, b] of edges)
    if (segmentDistance(px, py, nodes[a], nodes[b]) <= 3.2) rgb = white.map((w, i) => w * 0.85 + rgb[i] * 0.15);
  for (const n of nodes) {
    const d = Math.hypot(px - n.x, py - n.y);
    if (d <= n.r) rgb = white;
    if (d <= n.r - 5) rgb = from.map((c, i) => c + (to[i] - c) * t * 0.6);
    if (d <= n.r - 9) rgb = white;
  }
  return [...rgb, 255];
}

function render() {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const [r, g, b, a] = sample(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES);
          acc[0] += r * a;
          acc[1] += g * a;
          acc[2] += b * a;
          acc[3] += a;
        }
      }
      const o = y * (SIZE * 4 + 1) + 1 + x * 4;
      const alpha = acc[3] / (SAMPLES * SAMPLES);
      for (let i = 0; i < 3; i++) raw[o + i] = acc[3] ? Math.round(acc[i] / acc[3]) : 0;
      raw[o + 3] = Math.round(alpha);
    }
  }
  return raw;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function iconPng() {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(render(), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icon.png');
writeFileSync(out, iconPng());
console.log(`wrote ${out}`);
