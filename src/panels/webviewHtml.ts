/**
 * The HTML shell of a webview panel: strict CSP (default-src 'none', scripts only with a fresh
 * nonce, styles and fonts from the webview's own source), the bundle and its stylesheet, codicons.
 * No data is ever placed in the HTML: everything arrives as messages and is rendered as text.
 */
import { randomBytes } from 'node:crypto';

export interface WebviewHtmlOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** URIs (as strings, from webview.asWebviewUri) of the bundle files. */
  scriptUri: string;
  styleUri?: string;
  codiconsUri: string;
  title: string;
}

export function createNonce(): string {
  return randomBytes(18).toString('base64url');
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function renderWebviewHtml(o: WebviewHtmlOptions, nonce = createNonce()): string {
  const csp = [
    "default-src 'none'",
    `img-src ${o.cspSource} data:`,
    `style-src ${o.cspSource}`,
    `font-src ${o.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(o.codiconsUri)}">
${o.styleUri ? `<link rel="stylesheet" href="${escapeAttr(o.styleUri)}">` : ''}
<title>${escapeAttr(o.title)}</title>
</head>
<body>
<div id="app" role="application" aria-label="${escapeAttr(o.title)}"></div>
<script nonce="${nonce}" src="${escapeAttr(o.scriptUri)}"></script>
</body>
</html>`;
}
