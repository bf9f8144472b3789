/**
 * The panel's script, served from an allow-list (no path from the request reaches the file
 * system) under `/assets/`, where the strict CSP allows it (`script-src 'self'`, no inline script).
 * The layout names it without a content hash, so it is cached like the other `/assets/` files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ASSISTANT_ASSETS_DIR = path.join(HERE, '..', 'assets');
export const PANEL_SCRIPT_URL = '/assets/assistant/assistant-panel.js';

export function panelAssets() {
  const files: Record<string, { type: string; body: Buffer }> = {
    'assistant-panel.js': {
      type: 'text/javascript; charset=utf-8',
      body: fs.readFileSync(path.join(ASSISTANT_ASSETS_DIR, 'assistant-panel.js')),
    },
  };
  return async (app: FastifyInstance) => {
    app.get(
      '/assets/assistant/:file',
      { config: { access: { who: 'public' } } },
      async (req, reply) => {
        const name = (req.params as { file: string }).file;
        const asset = Object.hasOwn(files, name) ? files[name] : undefined;
        if (!asset) return reply.callNotFound();
        return reply
          .header('content-type', asset.type)
          .header('cache-control', 'public, max-age=3600')
          .send(asset.body);
      },
    );
  };
}
