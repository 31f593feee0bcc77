/**
 * Loads a built webview bundle (dist/webview/NAME.js) in real headless Chromium with a stand-in
 * for the VS Code host: `acquireVsCodeApi()` records what the webview posts and keeps its state;
 * the test plays the host by sending messages into the page. The page is served from a loopback
 * HTTP server with the same CSP as the real panel, so a script injected by a payload cannot run.
 */
import { createServer, Server } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { chromium, Browser, Page } from 'playwright-core';
import { renderWebviewHtml } from '../../../src/panels/webviewHtml';
import { RETRY_TIMEOUT_MS } from '../../support/retrying';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DIST = path.resolve(__dirname, '..', '..', '..', 'dist', 'webview');

export type Theme = 'light' | 'dark' | 'high-contrast';

/** A small subset of VS Code's theme variables, enough for the panels to look as they do in the editor. */
const THEME_VARS: Record<Theme, Record<string, string>> = {
  dark: {
    '--vscode-foreground': '#cccccc',
    '--vscode-editor-background': '#1e1e1e',
    '--vscode-sideBar-background': '#252526',
    '--vscode-panel-border': '#80808059',
    '--vscode-focusBorder': '#007fd4',
    '--vscode-button-background': '#0e639c',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-hoverBackground': '#1177bb',
    '--vscode-button-secondaryBackground': '#3a3d41',
    '--vscode-button-secondaryForeground': '#ffffff',
    '--vscode-input-background': '#3c3c3c',
    '--vscode-input-foreground': '#cccccc',
    '--vscode-input-border': '#3c3c3c',
    '--vscode-errorForeground': '#f48771',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-list-hoverBackground': '#2a2d2e',
    '--vscode-list-activeSelectionBackground': '#04395e',
    '--vscode-badge-background': '#4d4d4d',
    '--vscode-badge-foreground': '#ffffff',
    '--vscode-textLink-foreground': '#3794ff',
    '--vscode-charts-green': '#89d185',
    '--vscode-charts-red': '#f14c4c',
    '--vscode-charts-yellow': '#cca700',
    '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-purple': '#b180d7',
    '--vscode-textCodeBlock-background': '#0a0a0a66',
    '--vscode-font-family': 'system-ui, sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-editor-font-family': 'monospace',
  },
  light: {
    '--vscode-foreground': '#616161',
    '--vscode-editor-background': '#ffffff',
    '--vscode-sideBar-background': '#f3f3f3',
    '--vscode-panel-border': '#80808059',
    '--vscode-focusBorder': '#0090f1',
    '--vscode-button-background': '#007acc',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-hoverBackground': '#0062a3',
    '--vscode-button-secondaryBackground': '#5f6a79',
    '--vscode-button-secondaryForeground': '#ffffff',
    '--vscode-input-background': '#ffffff',
    '--vscode-input-foreground': '#616161',
    '--vscode-input-border': '#cecece',
    '--vscode-errorForeground': '#a1260d',
    '--vscode-descriptionForeground': '#717171',
    '--vscode-list-hoverBackground': '#e8e8e8',
    '--vscode-list-activeSelectionBackground': '#0060c0',
    '--vscode-badge-background': '#c4c4c4',
    '--vscode-badge-foreground': '#333333',
    '--vscode-textLink-foreground': '#006ab1',
    '--vscode-charts-green': '#388a34',
    '--vscode-charts-red': '#e51400',
    '--vscode-charts-yellow': '#bf8803',
    '--vscode-charts-blue': '#1a85ff',
    '--vscode-charts-purple': '#652d90',
    '--vscode-textCodeBlock-background': '#dcdcdc66',
    '--vscode-font-family': 'system-ui, sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-editor-font-family': 'monospace',
  },
  'high-contrast': {
    '--vscode-foreground': '#ffffff',
    '--vscode-editor-background': '#000000',
    '--vscode-sideBar-background': '#000000',
    '--vscode-panel-border': '#6fc3df',
    '--vscode-focusBorder': '#f38518',
    '--vscode-button-background': '#000000',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-hoverBackground': '#000000',
    '--vscode-button-secondaryBackground': '#000000',
    '--vscode-button-secondaryForeground': '#ffffff',
    '--vscode-input-background': '#000000',
    '--vscode-input-foreground': '#ffffff',
    '--vscode-input-border': '#6fc3df',
    '--vscode-errorForeground': '#f48771',
    '--vscode-descriptionForeground': '#ffffff',
    '--vscode-list-hoverBackground': '#000000',
    '--vscode-list-activeSelectionBackground': '#000000',
    '--vscode-badge-background': '#000000',
    '--vscode-badge-foreground': '#ffffff',
    '--vscode-textLink-foreground': '#21a6ff',
    '--vscode-charts-green': '#89d185',
    '--vscode-charts-red': '#f48771',
    '--vscode-charts-yellow': '#ffd700',
    '--vscode-charts-blue': '#21a6ff',
    '--vscode-charts-purple': '#b180d7',
    '--vscode-textCodeBlock-background': '#000000',
    '--vscode-font-family': 'system-ui, sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-editor-font-family': 'monospace',
  },
};

export interface WebviewPageOptions {
  bundle: 'demo-viewer' | 'ideation-wizard' | 'registry';
  theme?: Theme;
  /** State the webview finds in getState() (restore after reload). */
  initialState?: unknown;
  viewport?: { width: number; height: number };
}

/** What the stand-in host recorded; read with `page.evaluate(() => window.__host)`. */
export interface RecordedHost {
  posted: unknown[];
  state: unknown;
}

export class WebviewHarness {
  private constructor(
    private readonly server: Server,
    private readonly browser: Browser,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<WebviewHarness> {
    if (!existsSync(CHROMIUM_PATH))
      throw new Error(
        `Chromium not found at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`,
      );
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/') {
        const bundle = url.searchParams.get('bundle') ?? 'demo-viewer';
        const theme = (url.searchParams.get('theme') ?? 'dark') as Theme;
        let html = renderWebviewHtml({
          cspSource: 'http://127.0.0.1:*',
          scriptUri: `/dist/${bundle}.js`,
          styleUri: `/dist/${bundle}.css`,
          codiconsUri: '/dist/codicons/codicon.css',
          title: bundle,
        });
        const vars = Object.entries(THEME_VARS[theme])
          .map(([k, v]) => `${k}: ${v};`)
          .join(' ');
        const bodyClass =
          theme === 'light' ? 'vscode-light' : theme === 'dark' ? 'vscode-dark' : 'vscode-high-contrast';
        // The stand-in host is injected by the test before any page script (addInitScript), and
        // theme variables come from a stylesheet on our own origin, as VS Code provides them.
        html = html.replace('<body>', `<body class="${bodyClass}" data-vscode-theme-kind="${bodyClass}">`);
        html = html.replace(
          '</head>',
          `<link rel="stylesheet" href="/theme.css?vars=${encodeURIComponent(vars)}"></head>`,
        );
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(html);
      }
      if (url.pathname === '/theme.css') {
        res.writeHead(200, { 'content-type': 'text/css' });
        return res.end(
          `html { ${url.searchParams.get('vars') ?? ''} } ` +
            'body { background: var(--vscode-editor-background); color: var(--vscode-foreground); ' +
            'font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); margin: 0; }',
        );
      }
      if (url.pathname.startsWith('/dist/')) {
        const file = path.join(DIST, path.normalize(url.pathname.slice('/dist/'.length)));
        if (!file.startsWith(DIST) || !existsSync(file)) {
          res.writeHead(404);
          return res.end();
        }
        const type = file.endsWith('.js')
          ? 'text/javascript'
          : file.endsWith('.css')
            ? 'text/css'
            : file.endsWith('.ttf')
              ? 'font/ttf'
              : 'application/octet-stream';
        res.writeHead(200, { 'content-type': type });
        return res.end(readFileSync(file));
      }
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
    return new WebviewHarness(server, browser, `http://127.0.0.1:${port}`);
  }

  /** Opens the bundle; the page records every message it posts in `window.__host.posted`. */
  async open(options: WebviewPageOptions): Promise<Page> {
    const context = await this.browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
    const page = await context.newPage();
    // An action that cannot happen fails within the same bound as a retrying assertion, well
    // inside the test's own timeout, so the failure names the step.
    page.setDefaultTimeout(RETRY_TIMEOUT_MS);
    await page.addInitScript((initialState) => {
      const host = { posted: [] as unknown[], state: initialState };
      (window as unknown as { __host: typeof host }).__host = host;
      (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({
        postMessage: (m: unknown) => host.posted.push(JSON.parse(JSON.stringify(m))),
        getState: () => host.state,
        setState: (s: unknown) => (host.state = JSON.parse(JSON.stringify(s))),
      });
      // Anything that would show a script ran from a payload.
      (window as unknown as { __xss: number }).__xss = 0;
    }, options.initialState ?? null);
    await page.goto(`${this.baseUrl}/?bundle=${options.bundle}&theme=${options.theme ?? 'dark'}`);
    return page;
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Plays the host: sends one message into the page as VS Code's postMessage would. */
export async function sendToWebview(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

/** Messages the webview posted so far. */
export async function postedMessages(page: Page): Promise<unknown[]> {
  return page.evaluate(() => (window as unknown as { __host: RecordedHost }).__host.posted);
}

/** Waits until the webview has posted a message matching `predicate`. */
export async function waitForPosted(page: Page, method: string, timeoutMs = RETRY_TIMEOUT_MS): Promise<unknown> {
  const handle = await page.waitForFunction(
    (m) =>
      (window as unknown as { __host: RecordedHost }).__host.posted.find(
        (p) => (p as { method?: string }).method === m,
      ),
    method,
    { timeout: timeoutMs },
  );
  return handle.jsonValue();
}
