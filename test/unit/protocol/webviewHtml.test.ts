import { describe, expect, it } from 'vitest';
import { createNonce, renderWebviewHtml } from '../../../src/panels/webviewHtml';

describe('renderWebviewHtml', () => {
  const html = renderWebviewHtml(
    {
      cspSource: 'vscode-webview://abc',
      scriptUri: 'vscode-webview://abc/demo.js',
      codiconsUri: 'vscode-webview://abc/c.css',
      title: 'T "x"',
    },
    'NONCE123',
  );

  it('allows nothing by default and scripts only with the nonce', () => {
    const csp = /content="([^"]+)"/.exec(html)![1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'nonce-NONCE123'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(html).toContain('<script nonce="NONCE123" src="vscode-webview://abc/demo.js">');
  });

  it('escapes the title', () => {
    expect(html).toContain('T &quot;x&quot;');
  });

  it('makes a different nonce every time', () => {
    expect(createNonce()).not.toBe(createNonce());
    expect(createNonce()).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });
});
