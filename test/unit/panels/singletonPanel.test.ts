/**
 * SingletonPanel over a stand-in of the `vscode` window API (no editor runs in unit tests): one panel
 * of a kind, reveal instead of a second, a restored panel replacing the open one, and close on dispose.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

interface FakePanel {
  webview: { options: unknown; html: string; cspSource: string; asWebviewUri: (u: unknown) => unknown };
  title: string;
  iconPath?: unknown;
  revealed: number;
  disposed: boolean;
  reveal(): void;
  dispose(): void;
  onDidDispose(listener: () => void): { dispose(): void };
}

const window = vi.hoisted(() => ({
  created: [] as FakePanel[],
  serializers: new Map<string, { deserializeWebviewPanel(panel: unknown): Promise<void> }>(),
}));

vi.mock('vscode', () => {
  const makePanel = (title: string): FakePanel => {
    const listeners: Array<() => void> = [];
    const panel: FakePanel = {
      title,
      webview: {
        options: undefined,
        html: '',
        cspSource: 'vscode-resource:',
        asWebviewUri: (u) => u,
        onDidReceiveMessage: () => ({ dispose() {} }),
        postMessage: async () => true,
      } as FakePanel['webview'],
      revealed: 0,
      disposed: false,
      reveal() {
        this.revealed++;
      },
      dispose() {
        if (this.disposed) return;
        this.disposed = true;
        listeners.forEach((l) => l());
      },
      onDidDispose(listener) {
        listeners.push(listener);
        return { dispose() {} };
      },
    };
    return panel;
  };
  return {
    ViewColumn: { One: 1 },
    Uri: {
      joinPath: (base: { path: string }, ...p: string[]) => {
        const path = [base.path, ...p].join('/');
        return { path, toString: () => path };
      },
    },
    window: {
      createWebviewPanel: (_viewType: string, title: string) => {
        const panel = makePanel(title);
        window.created.push(panel);
        return panel;
      },
      registerWebviewPanelSerializer: (viewType: string, serializer: never) => {
        window.serializers.set(viewType, serializer);
        return { dispose: () => window.serializers.delete(viewType) };
      },
    },
    __makePanel: makePanel,
  };
});

import * as vscode from 'vscode';
import { SingletonPanel } from '../../../src/panels/singletonPanel';
import { WebviewPanelHost } from '../../../src/panels/webviewPanelHost';

class TestPanel extends WebviewPanelHost {
  constructor(panel: vscode.WebviewPanel) {
    super(panel, { path: '/ext' } as vscode.Uri, 'test', () => undefined);
  }
  protected onReady(): void {}
}

const kind = () => ({
  viewType: 'agentify.test',
  title: 'Test panel',
  extensionUri: { path: '/ext' } as vscode.Uri,
  build: (panel: vscode.WebviewPanel) => new TestPanel(panel),
});

beforeEach(() => {
  window.created.length = 0;
  window.serializers.clear();
});

describe('SingletonPanel', () => {
  it('creates one panel and reveals it instead of opening a second', () => {
    const panels = new SingletonPanel(kind());
    const first = panels.show();
    expect(panels.show()).toBe(first);
    expect(window.created).toHaveLength(1);
    expect(window.created[0]!.revealed).toBe(1);
    expect(window.created[0]!.webview.html).toContain('/ext/dist/webview/test.js');
    expect(window.created[0]!.iconPath).toMatchObject({ path: '/ext/media/activitybar.svg' });
    panels.dispose();
  });

  it('opens a new panel after the user closed the last one', () => {
    const panels = new SingletonPanel(kind());
    const first = panels.show();
    window.created[0]!.dispose();
    expect(panels.current).toBeUndefined();
    expect(panels.show()).not.toBe(first);
    expect(window.created).toHaveLength(2);
    panels.dispose();
  });

  it('adopts a panel restored after a reload, closing the one that was open', async () => {
    const panels = new SingletonPanel(kind());
    panels.show();
    const restored = (vscode as unknown as { __makePanel(t: string): FakePanel }).__makePanel('restored');
    await window.serializers.get('agentify.test')!.deserializeWebviewPanel(restored);
    expect(window.created[0]!.disposed).toBe(true);
    expect(panels.current).toBeDefined();
    expect(panels.show()).toBe(panels.current);
    expect(restored.revealed).toBe(1);
    panels.dispose();
  });

  it('closes the open panel and drops its serializer when disposed', () => {
    const panels = new SingletonPanel(kind());
    panels.show();
    panels.dispose();
    expect(window.created[0]!.disposed).toBe(true);
    expect(window.serializers.has('agentify.test')).toBe(false);
  });
});
