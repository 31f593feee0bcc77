// Drives a VS Code workbench served by code-server from headless Chromium (playwright-core and the
// machine's own Chromium; nothing is downloaded): open the workbench, run a command from the
// palette, answer an input box, read notifications, and find elements inside webview iframes.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './paths.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** @returns {Promise<import('playwright-core').Browser>} */
export async function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
}

const WORKBENCH = '.monaco-workbench';
const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;

async function poll(fn, { timeoutMs, intervalMs = 250, what }) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Opens the workbench at url in a new page and waits until it is interactive (the workbench is
 * rendered and the extension host connected, so contributed commands are in the palette).
 * @param {import('playwright-core').Browser} browser
 */
export async function openWorkbench(browser, url, { timeoutMs = 90_000 } = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await waitForWorkbench(page, { timeoutMs });
  return page;
}

/** Waits for the workbench after a load or reload. */
export async function waitForWorkbench(page, { timeoutMs = 90_000 } = {}) {
  await page.waitForSelector(WORKBENCH, { timeout: timeoutMs });
  // The status bar shows the remote indicator once the window has connected to the server.
  await page.waitForSelector('#workbench\\.parts\\.statusbar', { timeout: timeoutMs });
}

const DIALOG = '.monaco-dialog-box';

/**
 * A modal dialog (such as "Command '…' resulted in an error") blocks the workbench: dismiss it
 * and fail with its text, so the error says what VS Code said.
 */
export async function failOnDialog(page) {
  const dialog = page.locator(DIALOG).first();
  if (!(await dialog.isVisible().catch(() => false))) return;
  const text = (await dialog.innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
  await page.keyboard.press('Escape');
  throw new Error(`VS Code shows a dialog: ${text}`);
}

async function closeQuickInput(page) {
  if (await page.locator(QUICK_INPUT).isVisible()) await page.keyboard.press('Escape');
}

/**
 * Runs a command by its palette title, as a user would: F1, type the title, Enter on the entry
 * whose label is exactly that title. Retries while the palette does not open (a busy workbench
 * can miss the key while it is still settling) or does not list the command yet (the extension
 * host may still be starting).
 */
export async function runCommand(page, title, { timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await failOnDialog(page);
    await closeQuickInput(page);
    await page
      .locator(WORKBENCH)
      .focus()
      .catch(() => undefined);
    await page.keyboard.press('F1');
    const input = page.locator(QUICK_INPUT_BOX);
    const opened = await input.waitFor({ state: 'visible', timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (!opened) {
      if (Date.now() > deadline) throw new Error(`The command palette did not open on F1 within ${timeoutMs} ms`);
      continue;
    }
    await input.fill(`>${title}`);
    const found = await poll(
      async () => {
        const labels = await page.locator(`${QUICK_INPUT} .monaco-list-row .label-name`).allTextContents();
        return labels.some((l) => l.replace(/\s+/g, ' ').trim() === title)
          ? 'yes'
          : labels.length > 0 || Date.now() > deadline
            ? 'no'
            : undefined;
      },
      { timeoutMs: 5_000, what: `palette entries for "${title}"` },
    ).catch(() => 'no');
    if (found === 'yes') {
      const row = page
        .locator(`${QUICK_INPUT} .monaco-list-row`, { has: page.locator('.label-name', { hasText: title }) })
        .first();
      await row.click();
      return;
    }
    if (Date.now() > deadline) throw new Error(`The command palette does not list "${title}"`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Answers the input box a command opened: fills text and presses Enter. */
export async function fillInputBox(page, text, { timeoutMs = 30_000 } = {}) {
  const input = page.locator(QUICK_INPUT_BOX);
  // The command's input box reuses the palette's widget: wait until it no longer holds the
  // palette's ">command" text, so the answer goes to the input box and not to the palette.
  await poll(
    async () => {
      await failOnDialog(page);
      return (await input.isVisible()) && !(await input.inputValue()).startsWith('>');
    },
    { timeoutMs, what: 'the input box' },
  );
  await input.fill(text);
  await page.keyboard.press('Enter');
  await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: timeoutMs });
}

/** Texts of the notifications on screen (toasts) and in the notification centre. */
export async function notificationTexts(page) {
  const texts = await page
    .locator(
      '.notifications-toasts .notification-list-item-message, .notifications-center .notification-list-item-message',
    )
    .allTextContents();
  return [...new Set(texts.map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean))];
}

/**
 * Waits for a notification whose text matches. Toasts hide after a while, so when none matches
 * the notification centre is opened once to read the ones already gone.
 * @returns {Promise<string>} the matching text
 */
export async function waitForNotification(page, pattern, { timeoutMs = 60_000 } = {}) {
  const matches = (t) => (typeof pattern === 'string' ? t.includes(pattern) : pattern.test(t));
  const deadline = Date.now() + timeoutMs;
  let openedCentre = false;
  for (;;) {
    await failOnDialog(page);
    const hit = (await notificationTexts(page)).find(matches);
    if (hit) return hit;
    if (!openedCentre && Date.now() > deadline - timeoutMs / 2) {
      openedCentre = true;
      await runCommand(page, 'Notifications: Show Notifications').catch(() => undefined);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `No notification matching ${pattern} within ${timeoutMs} ms; ` +
          `on screen: ${JSON.stringify(await notificationTexts(page))}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Dismisses every notification, so later checks only see new ones. */
export async function clearNotifications(page) {
  await runCommand(page, 'Notifications: Clear All Notifications').catch(() => undefined);
}

/**
 * Finds the frame of a webview that contains `selector`. A webview's document lives in nested
 * iframes (the webview host frame, then its active content frame), so every frame is searched.
 * @returns {Promise<import('playwright-core').Frame>}
 */
export async function webviewFrame(page, selector, { timeoutMs = 60_000 } = {}) {
  return poll(
    async () => {
      for (const frame of page.frames()) {
        // Webview documents are served from .../contrib/webview/browser/pre/ (the host frame and
        // its content frame); other iframes, such as the web worker extension host, are skipped.
        if (frame === page.mainFrame() || !/\/webview\/|^vscode-webview:/.test(frame.url())) continue;
        try {
          if (await frame.$(selector)) return frame;
        } catch {
          /* frame navigated or detached while we looked */
        }
      }
      return undefined;
    },
    { timeoutMs, what: `a webview element ${selector}` },
  );
}

/** Saves a full-page screenshot as dir/name.png and returns its path. */
export async function screenshot(page, dir, name) {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
