/**
 * Retrying ("web-first") assertions for every browser test: Playwright's own `expect`, which works
 * outside its runner, with one bounded timeout. After an action, assert with these
 * (`await pw(locator).toHaveCount(n)`, `await pw.poll(read).toEqual(value)`), never read once and
 * compare: on a loaded machine the read can land before the re-render it is meant to see.
 */
import { expect } from '@playwright/test';
import type { Locator } from 'playwright-core';

/** Long enough for a busy 2-core machine, short enough that a wrong value fails within a test's timeout. */
export const RETRY_TIMEOUT_MS = 15_000;

export const pw = expect.configure({ timeout: RETRY_TIMEOUT_MS });

/** The `name` attribute of every element `locator` matches, for `pw.poll(() => attrsOf(...))`. */
export function attrsOf(locator: Locator, name: string): Promise<string[]> {
  return locator.evaluateAll((els, n) => els.map((e) => e.getAttribute(n) ?? ''), name);
}
