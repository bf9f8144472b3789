/**
 * The verifier's own static files: the camera scan script, jsQR for browsers without
 * `BarcodeDetector`, and the verdict styles. Served from an allow-list (no path from the request
 * reaches the file system) under a content hash, so they can be cached for a year.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ASSETS_DIR = path.join(HERE, 'assets');

interface Asset {
  type: string;
  body: Buffer;
  version: string;
}

function load(file: string, type: string): Asset {
  const body = fs.readFileSync(file);
  return { type, body, version: createHash('sha256').update(body).digest('hex').slice(0, 12) };
}

export interface VerifierAssets {
  /** Cache-busting URLs for templates. */
  urls: { scan: string; jsqr: string; css: string };
  routes: (app: FastifyInstance) => Promise<void>;
}

export function verifierAssets(): VerifierAssets {
  const js = 'text/javascript; charset=utf-8';
  const files: Record<string, Asset> = {
    'verify-scan.js': load(path.join(ASSETS_DIR, 'verify-scan.js'), js),
    // The browser build of the same decoder the server uses for uploads.
    'jsQR.js': load(createRequire(import.meta.url).resolve('jsqr/dist/jsQR.js'), js),
    'verifier.css': load(path.join(ASSETS_DIR, 'verifier.css'), 'text/css; charset=utf-8'),
  };
  const url = (name: string) => `/verify/assets/${name}?v=${files[name]!.version}`;
  return {
    urls: { scan: url('verify-scan.js'), jsqr: url('jsQR.js'), css: url('verifier.css') },
    routes: async (app) => {
      app.get(
        '/verify/assets/:file',
        { config: { access: { who: 'public' } } },
        async (req, reply) => {
          const name = (req.params as { file: string }).file;
          const asset = Object.hasOwn(files, name) ? files[name] : undefined;
          if (!asset) return reply.callNotFound();
          return reply
            .header('content-type', asset.type)
            .header('cache-control', 'public, max-age=31536000, immutable')
            .send(asset.body);
        },
      );
    },
  };
}
