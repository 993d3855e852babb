// Writes the app icons (PNG + favicon SVG) into public/ with nothing but Node's zlib:
// a brand-green square with a white speech bubble. Run `npm run icons` after changing a colour.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const BRAND = [0x0b, 0x6e, 0x4f];
const WHITE = [0xff, 0xff, 0xff];
const publicDir = join(dirname(fileURLToPath(import.meta.url)), "..", "public");

// Shapes in a 0..1 square. `scale` shrinks the bubble toward the centre (maskable safe zone).
function shapes(scale) {
  const s = (v) => 0.5 + (v - 0.5) * scale;
  return {
    bubble: { x0: s(0.2), y0: s(0.24), x1: s(0.8), y1: s(0.68), r: 0.1 * scale },
    tail: [
      [s(0.3), s(0.64)],
      [s(0.47), s(0.64)],
      [s(0.28), s(0.81)],
    ],
    dots: [0.36, 0.5, 0.64].map((x) => ({ cx: s(x), cy: s(0.46), r: 0.045 * scale })),
  };
}

function inRoundedRect(x, y, { x0, y0, x1, y1, r }) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inTriangle(x, y, [[ax, ay], [bx, by], [cx, cy]]) {
  const d1 = (x - bx) * (ay - by) - (ax - bx) * (y - by);
  const d2 = (x - cx) * (by - cy) - (bx - cx) * (y - cy);
  const d3 = (x - ax) * (cy - ay) - (cx - ax) * (y - ay);
  const neg = d1 < 0 || d2 < 0 || d3 < 0;
  const pos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(neg && pos);
}

/** RGBA colour of one sample point: transparent, brand or white. */
function sample(x, y, { corner, scale }) {
  const bg = { x0: 0, y0: 0, x1: 1, y1: 1, r: corner };
  if (corner > 0 && !inRoundedRect(x, y, bg)) return [0, 0, 0, 0];
  const { bubble, tail, dots } = shapes(scale);
  const inDot = dots.some(({ cx, cy, r }) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r);
  if (!inDot && (inRoundedRect(x, y, bubble) || inTriangle(x, y, tail))) return [...WHITE, 255];
  return [...BRAND, 255];
}

function render(size, options) {
  const n = 4; // 4x4 supersampling for smooth edges
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0 (None) + RGBA pixels
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = sample((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, options);
          for (let i = 0; i < 3; i++) acc[i] += c[i] * c[3];
          acc[3] += c[3];
        }
      }
      const alpha = acc[3] / (n * n);
      for (let i = 0; i < 3; i++) row[1 + px * 4 + i] = acc[3] ? Math.round(acc[i] / acc[3]) : 0;
      row[1 + px * 4 + 3] = Math.round(alpha);
    }
    rows.push(row);
  }
  return png(size, size, Buffer.concat(rows));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(width, height, raw) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function svg() {
  const { bubble: b, tail, dots } = shapes(1);
  const hex = (c) => `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
  const p = (v) => +(v * 100).toFixed(2);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<rect width="100" height="100" rx="18" fill="${hex(BRAND)}"/>
<rect x="${p(b.x0)}" y="${p(b.y0)}" width="${p(b.x1 - b.x0)}" height="${p(b.y1 - b.y0)}" rx="${p(b.r)}" fill="#fff"/>
<polygon points="${tail.map(([x, y]) => `${p(x)},${p(y)}`).join(" ")}" fill="#fff"/>
${dots.map((d) => `<circle cx="${p(d.cx)}" cy="${p(d.cy)}" r="${p(d.r)}" fill="${hex(BRAND)}"/>`).join("\n")}
</svg>
`;
}

const outputs = [
  ["icons/icon-192.png", render(192, { corner: 0.18, scale: 1 })],
  ["icons/icon-512.png", render(512, { corner: 0.18, scale: 1 })],
  // Maskable: full bleed, artwork inside the central 80% circle (the safe zone).
  ["icons/icon-maskable-512.png", render(512, { corner: 0, scale: 0.75 })],
  // iOS rounds the corners itself and shows transparency as black.
  ["icons/apple-touch-icon-180.png", render(180, { corner: 0, scale: 0.9 })],
  ["favicon.svg", svg()],
];
for (const [name, data] of outputs) {
  const path = join(publicDir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  console.log(`wrote public/${name} (${data.length} bytes)`);
}
