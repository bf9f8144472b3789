import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { expect, test } from 'vitest';
import { DEMO_PERMIT_HOLDER } from '../../src/modules/permits';
import { chromiumPath, describeBrowser, LAUNCH_ARGS, useHarness } from './harness';

/**
 * The camera scan on /verify (progressive enhancement): Chromium's fake camera plays a video of
 * a permit's QR code; the page's script finds the code, fills the form and submits it, with the
 * real Content Security Policy in force. The video is a Y4M file made here from the QR PNG.
 */
function qrVideo(qrPng: Buffer, file: string): void {
  const png = PNG.sync.read(qrPng);
  const W = 640;
  const H = 640;
  const luma = Buffer.alloc(W * H, 255);
  const ox = Math.floor((W - png.width) / 2);
  const oy = Math.floor((H - png.height) / 2);
  for (let r = 0; r < png.height; r++)
    for (let c = 0; c < png.width; c++)
      luma[(oy + r) * W + ox + c] = png.data[(r * png.width + c) * 4]!;
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${W} H${H} F5:1 Ip A1:1 C420jpeg\n`);
  fs.writeFileSync(file, Buffer.concat([header, frame, frame]));
}

describeBrowser('the verifier scans a QR code with the camera', () => {
  const h = useHarness();

  test('the demo permit, shown to the camera, is found valid', async () => {
    const x = h();
    const { running } = x;
    const credential = await running.app.modules.permits.demoCredential(
      async (email) => (await running.app.modules.accounts.repo.findByEmail(email))?.id,
    );
    expect(credential).toBeTruthy();
    const video = path.join(x.dataDir, 'qr.y4m');
    qrVideo(await QRCode.toBuffer(credential!, { scale: 3, margin: 4 }), video);
    const browser = await chromium.launch({
      executablePath: chromiumPath!,
      headless: true,
      args: [
        ...LAUNCH_ARGS,
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
    try {
      const context = await browser.newContext({ baseURL: x.baseUrl });
      await context.grantPermissions(['camera']);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto('/verify?lang=en');
      await page.click('#scan-start');
      const result = page.locator('[data-testid="verify-result"]');
      await result.waitFor({ timeout: 30_000 });
      expect(await result.getAttribute('data-status')).toBe('valid');
      expect(await page.locator('main').innerText()).toContain(DEMO_PERMIT_HOLDER.familyName);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
