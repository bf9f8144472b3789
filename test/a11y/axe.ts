import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.2 A and AA, as DESIGN §6 asks. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe on the page as it is now. axe is added as an inline script, which the page's CSP
 * forbids: use a context created with `bypassCSP: true` (the harness default). axe needs
 * JavaScript in the page (its timers do not run when it is disabled).
 */
export async function runAxe(page: Page): Promise<AxeResults> {
  const loaded = () => page.evaluate<boolean>('typeof window.axe === "object"');
  if (!(await loaded())) await page.addScriptTag({ content: AXE_SOURCE });
  if (!(await loaded())) {
    throw new Error(
      'axe could not be added to the page: was the context made with bypassCSP: false or javaScriptEnabled: false? To check the no-JavaScript rendering, block /assets/init.js instead (see no-javascript.browser.test.ts).',
    );
  }
  const options = { runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] };
  return page.evaluate<AxeResults>(`window.axe.run(document, ${JSON.stringify(options)})`);
}

export function formatViolations(violations: Result[]): string {
  return violations
    .map((v) => {
      const targets = v.nodes.map(
        (n) =>
          `      at ${n.target.map(String).join(' ')}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, '\n        ')}` : ''}`,
      );
      return `  - ${v.id} [${v.impact ?? 'unknown'}] ${v.help}\n    ${v.helpUrl}\n${targets.join('\n')}`;
    })
    .join('\n');
}

/**
 * Fails the test with a readable list (rule, impact, help, target selectors) when axe finds
 * anything. The failure is soft: a journey goes on, so one run reports every page's problems.
 */
export async function expectNoViolations(page: Page, label: string): Promise<void> {
  const { violations } = await runAxe(page);
  const report = `axe found ${violations.length} violation(s) on ${label} (${page.url()}):\n${formatViolations(violations)}`;
  expect.soft(violations.length, report).toBe(0);
}
