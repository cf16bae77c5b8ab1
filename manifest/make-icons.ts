// `npx tsx manifest/make-icons.ts`: draws the app's two icons as PNGs beside this file.
// Pure Node (node:zlib), so the icons can be redrawn anywhere; commit what it writes.
// Teams' rules (learn.microsoft.com, "Teams app icon for Teams Store and app bar"):
// color.png is a full-bleed 192x192 square with the mark inside the central 120x120 safe area;
// outline.png is 32x32, white on a transparent background.
import { writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { deflateSync } from "node:zlib";

type Rgb = readonly [number, number, number];
/** A pixel's colour and how much of it covers the pixel (0 to 1). */
type Paint = { readonly rgb: Rgb; readonly coverage: number };

const NAVY: Rgb = [0x1f, 0x4e, 0x79]; // the manifest's accentColor
const WHITE: Rgb = [0xff, 0xff, 0xff];
const SAMPLES = 4; // 4x4 samples per pixel smooth the edges

// The shield, in a unit box: x from -1 to 1, y from 0 (top) to 1 (point).
// Straight sides to SHOULDER, then a curve that meets at a point.
const SHOULDER = 0.42;

function shieldHalfWidth(y: number): number {
  if (y < 0 || y > 1) return 0;
  if (y <= SHOULDER) return 1;
  return Math.cos(((y - SHOULDER) / (1 - SHOULDER)) * (Math.PI / 2));
}

type Box = { readonly cx: number; readonly top: number; readonly halfWidth: number; readonly height: number };

function inShield(box: Box, x: number, y: number): boolean {
  const v = (y - box.top) / box.height;
  return Math.abs(x - box.cx) <= box.halfWidth * shieldHalfWidth(v);
}

function distanceToSegment(px: number, py: number, [ax, ay]: readonly [number, number], [bx, by]: readonly [number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Renders RGBA rows, sampling `paintAt` SAMPLES x SAMPLES times per pixel; undefined is the background. */
function render(size: number, paintAt: (x: number, y: number) => Rgb | undefined, background: Rgb | undefined): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  for (let row = 0; row < size; row += 1) {
    for (let col = 0; col < size; col += 1) {
      let r = 0, g = 0, b = 0, hits = 0;
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const rgb = paintAt(col + (sx + 0.5) / SAMPLES, row + (sy + 0.5) / SAMPLES) ?? background;
          if (rgb === undefined) continue;
          r += rgb[0]; g += rgb[1]; b += rgb[2]; hits += 1;
        }
      }
      const at = (row * size + col) * 4;
      const paint: Paint = hits === 0
        ? { rgb: WHITE, coverage: 0 }
        : { rgb: [r / hits, g / hits, b / hits], coverage: hits / (SAMPLES * SAMPLES) };
      rgba[at] = Math.round(paint.rgb[0]);
      rgba[at + 1] = Math.round(paint.rgb[1]);
      rgba[at + 2] = Math.round(paint.rgb[2]);
      rgba[at + 3] = Math.round(paint.coverage * 255);
    }
  }
  return rgba;
}

/** 192x192: a white shield with a navy tick, on a full-bleed navy square. */
export function drawColorIcon(): Uint8Array {
  const shield: Box = { cx: 96, top: 38, halfWidth: 50, height: 118 };
  const tick = [[72, 92], [90, 110], [122, 76]] as const;
  return render(192, (x, y) => {
    if (!inShield(shield, x, y)) return undefined;
    const nearTick = Math.min(distanceToSegment(x, y, tick[0], tick[1]), distanceToSegment(x, y, tick[1], tick[2]));
    return nearTick <= 7 ? NAVY : WHITE;
  }, NAVY);
}

/** 32x32: the shield's white outline and tick; everything else fully transparent. */
export function drawOutlineIcon(): Uint8Array {
  // Whole-pixel edges keep the 2 px stroke crisp at this size.
  const outer: Box = { cx: 16, top: 3, halfWidth: 12, height: 26 };
  const stroke = 2;
  // The inner edge is the same shape inset; the point needs more inset to keep the stroke even.
  const inner: Box = { cx: 16, top: outer.top + stroke, halfWidth: outer.halfWidth - stroke, height: outer.height - stroke * 2.6 };
  const tick = [[10.5, 14.5], [14.5, 18.5], [21.5, 11.5]] as const;
  return render(32, (x, y) => {
    const onEdge = inShield(outer, x, y) && !inShield(inner, x, y);
    const onTick = Math.min(distanceToSegment(x, y, tick[0], tick[1]), distanceToSegment(x, y, tick[1], tick[2])) <= 1.1;
    return onEdge || onTick ? WHITE : undefined;
  }, undefined);
}

// PNG (ISO/IEC 15948): signature, IHDR, one IDAT, IEND; each chunk ends with a CRC-32 of its
// type and data, using the polynomial 0xEDB88320.
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes 8-bit RGBA pixels, row by row, as a non-interlaced PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, adaptive filters, no interlace
  const rows = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y += 1) {
    rows[y * (1 + width * 4)] = 0; // filter type 0: the row as it is
    rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (1 + width * 4) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

export const ICONS = {
  "color.png": () => encodePng(192, 192, drawColorIcon()),
  "outline.png": () => encodePng(32, 32, drawOutlineIcon()),
} as const;

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [name, make] of Object.entries(ICONS)) {
    const path = fileURLToPath(new URL(name, import.meta.url));
    writeFileSync(path, make());
    process.stdout.write(`wrote ${path}\n`);
  }
}
