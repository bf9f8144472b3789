/**
 * The holder's photo behind a permit's `picture` reference. The photo taken at the visit lives
 * in the Department's biometric archive, which Vartai cannot reach; the port stands for it and
 * the simulator draws a deterministic synthetic portrait per reference (head, hair, shoulders in
 * colours from a hash), so every permit has a stable image a verifier can compare with.
 */
import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';

export interface PhotoArchive {
  /** The photo of a permit holder, or undefined when the archive has none. */
  photoOf(ref: string): Promise<{ contentType: string; bytes: Buffer } | undefined>;
}

const W = 180;
const H = 225;
const cache = new Map<string, Buffer>();

type Rgb = [number, number, number];
const pick = <T>(list: readonly T[], byte: number): T => list[byte % list.length]!;
const SKIN: readonly Rgb[] = [
  [241, 194, 167],
  [224, 172, 138],
  [198, 134, 99],
  [161, 102, 72],
  [112, 72, 52],
];
const HAIR: readonly Rgb[] = [
  [35, 28, 24],
  [92, 60, 36],
  [160, 118, 64],
  [214, 186, 128],
  [120, 120, 120],
];
const CLOTHES: readonly Rgb[] = [
  [40, 60, 110],
  [70, 70, 70],
  [110, 40, 50],
  [30, 90, 70],
];

/** A portrait drawn from the reference's hash: the same reference always gives the same PNG. */
export function drawPortrait(ref: string): Buffer {
  const hit = cache.get(ref);
  if (hit) return hit;
  const h = createHash('sha256').update(ref).digest();
  const skin = pick(SKIN, h[0]!);
  const hair = pick(HAIR, h[1]!);
  const clothes = pick(CLOTHES, h[2]!);
  const faceW = 48 + (h[3]! % 10);
  const faceH = 62 + (h[4]! % 8);
  const hairLen = 0.35 + (h[5]! % 40) / 100;
  const png = new PNG({ width: W, height: H });
  const cx = W / 2;
  const cy = 92;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 4;
      // A light, even background, as a document photo has.
      let c: Rgb = [232, 236, 240];
      const dx = (x - cx) / faceW;
      const dy = (y - cy) / faceH;
      const inFace = dx * dx + dy * dy <= 1;
      const hx = (x - cx) / (faceW + 8);
      const hy = (y - (cy - 10)) / (faceH + 10);
      const inHair = hx * hx + hy * hy <= 1 && y < cy - faceH * (1 - 2 * hairLen);
      const sx = (x - cx) / 86;
      const sy = (y - (H + 10)) / 70;
      if (sx * sx + sy * sy <= 1) c = clothes;
      else if (Math.abs(x - cx) < 20 && y > cy + faceH - 8 && y < cy + faceH + 24) c = skin;
      if (inHair) c = hair;
      if (inFace && !inHair) c = skin;
      // Eyes: two small dark ovals, so the portrait reads as a face.
      for (const ex of [cx - faceW * 0.38, cx + faceW * 0.38]) {
        const ey = cy - 6;
        if (((x - ex) / 6) ** 2 + ((y - ey) / 3.5) ** 2 <= 1) c = [40, 40, 50];
      }
      png.data[i] = c[0];
      png.data[i + 1] = c[1];
      png.data[i + 2] = c[2];
      png.data[i + 3] = 255;
    }
  }
  const bytes = PNG.sync.write(png);
  if (cache.size > 500) cache.clear();
  cache.set(ref, bytes);
  return bytes;
}

/** The simulator: every reference has a portrait. */
export function simulatedPhotoArchive(): PhotoArchive {
  return {
    photoOf: async (ref) => ({ contentType: 'image/png', bytes: drawPortrait(ref) }),
  };
}
