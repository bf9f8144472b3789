import fs from 'node:fs';
import path from 'node:path';
import * as sass from 'sass';

export interface AssetPaths {
  root: string;
  outDir: string;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Compiles the Sass brand and copies govuk-frontend's script, images and our init script into
 * `outDir`. Skipped when the output is newer than every source, so a restart costs nothing.
 */
export function buildAssets(
  { root, outDir }: AssetPaths,
  force = false,
): { built: boolean; outDir: string } {
  const here = path.join(root, 'src', 'platform', 'views');
  const govuk = path.join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk');
  const css = path.join(outDir, 'vartai.css');
  const stale =
    force ||
    !fs.existsSync(css) ||
    fs.statSync(css).mtimeMs <
      Math.max(newestMtime(path.join(here, 'styles')), newestMtime(path.join(here, 'scripts')));
  if (!stale) return { built: false, outDir };
  fs.mkdirSync(outDir, { recursive: true });
  const result = sass.compile(path.join(here, 'styles', 'vartai.scss'), {
    loadPaths: [path.join(root, 'node_modules', 'govuk-frontend', 'dist')],
    style: 'compressed',
    quietDeps: true,
  });
  fs.writeFileSync(css, result.css);
  fs.copyFileSync(
    path.join(govuk, 'govuk-frontend.min.js'),
    path.join(outDir, 'govuk-frontend.min.js'),
  );
  fs.copyFileSync(path.join(here, 'scripts', 'init.js'), path.join(outDir, 'init.js'));
  // Our own icon: govuk-frontend's images carry the UK crown, which is not ours to use.
  fs.copyFileSync(path.join(here, 'scripts', 'favicon.svg'), path.join(outDir, 'favicon.svg'));
  return { built: true, outDir };
}
