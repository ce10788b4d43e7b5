/**
 * Accessibility of a page as axe-core sees it (Deque's @axe-core/playwright, run in the real
 * Chromium): the serious and critical violations, each as one readable line, so a failing test
 * names the rule and the elements.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  // Legacy mode runs axe inside the page: the shared test page comes from browser.newPage(), in
  // which axe's default mode cannot open its helper page (the editor has no cross-origin frames).
  let builder = new AxeBuilder({ page: page as never }).setLegacyMode(true);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')})`);
}
