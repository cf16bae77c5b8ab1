// A PNG reader for the icon tests, written from the PNG specification (ISO/IEC 15948) and kept
// apart from manifest/make-icons.ts, so a mistake in the writer is not repeated here. It reads
// non-interlaced 8-bit greyscale, grey+alpha, RGB and RGBA images, with any of the five filters.
import { inflateSync } from "node:zlib";

export type Png = { width: number; height: number; colourType: number; rgba: Uint8Array };

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export function readPngHeader(bytes: Buffer): { width: number; height: number; bitDepth: number; colourType: number; interlace: number } {
  if (SIGNATURE.some((byte, index) => bytes[index] !== byte)) throw new Error("not a PNG: bad signature");
  if (bytes.toString("latin1", 12, 16) !== "IHDR") throw new Error("not a PNG: first chunk is not IHDR");
  return {
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    bitDepth: bytes[24]!,
    colourType: bytes[25]!,
    interlace: bytes[28]!,
  };
}

function paeth(left: number, up: number, upLeft: number): number {
  const p = left + up - upLeft;
  const pa = Math.abs(p - left);
  const pb = Math.abs(p - up);
  const pc = Math.abs(p - upLeft);
  return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
}

export function decodePng(bytes: Buffer): Png {
  const { width, height, bitDepth, colourType, interlace } = readPngHeader(bytes);
  const channels = CHANNELS[colourType];
  if (bitDepth !== 8 || channels === undefined || interlace !== 0) {
    throw new Error(`unsupported PNG: bit depth ${bitDepth}, colour type ${colourType}, interlace ${interlace}`);
  }
  const idat: Buffer[] = [];
  for (let offset = 8; offset < bytes.length; ) {
    const length = bytes.readUInt32BE(offset);
    if (bytes.toString("latin1", offset + 4, offset + 8) === "IDAT") idat.push(bytes.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x += 1) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const upLeft = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      if (predictor === undefined) throw new Error(`bad PNG filter ${filter} on row ${y}`);
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i += 1) {
    const px = pixels.subarray(i * channels, (i + 1) * channels);
    const [r, g, b, a] =
      channels === 1 ? [px[0]!, px[0]!, px[0]!, 255]
      : channels === 2 ? [px[0]!, px[0]!, px[0]!, px[1]!]
      : channels === 3 ? [px[0]!, px[1]!, px[2]!, 255]
      : [px[0]!, px[1]!, px[2]!, px[3]!];
    rgba.set([r, g, b, a], i * 4);
  }
  return { width, height, colourType, rgba };
}
