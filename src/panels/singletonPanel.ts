/**
 * One panel of a kind at a time. `show()` reveals the open panel or creates one; the serializer
 * VS Code calls after a window reload adopts the restored panel (closing any other). Disposing it
 * closes the open panel. Each panel kind (Demo Viewer, Ideation Wizard, Agent Registry) is one of these.
 */
import * as vscode from 'vscode';
import { Disposable, toDisposable } from '../common/disposable';
import { webviewOptions, type WebviewPanelHost } from './webviewPanelHost';

export interface PanelKind<P extends WebviewPanelHost> {
  viewType: string;
  title: string;
  extensionUri: vscode.Uri;
  /** The host object around a VS Code panel, new or restored. */
  build(panel: vscode.WebviewPanel): P;
}

export class SingletonPanel<P extends WebviewPanelHost> extends Disposable {
  private panel: P | undefined;

  constructor(private readonly kind: PanelKind<P>) {
    super();
    this.register(toDisposable(() => this.panel?.dispose()));
    this.register(
      vscode.window.registerWebviewPanelSerializer(kind.viewType, {
        deserializeWebviewPanel: async (panel: vscode.WebviewPanel) => void this.adopt(panel),
      }),
    );
  }

  /** The open panel, if any. */
  get current(): P | undefined {
    return this.panel;
  }

  show(): P {
    if (this.panel) {
      this.panel.reveal();
      return this.panel;
    }
    const { viewType, title, extensionUri } = this.kind;
    return this.adopt(
      vscode.window.createWebviewPanel(viewType, title, vscode.ViewColumn.One, webviewOptions(extensionUri)),
    );
  }

  private adopt(webviewPanel: vscode.WebviewPanel): P {
    this.panel?.dispose();
    const panel = this.kind.build(webviewPanel);
    this.panel = panel;
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    return panel;
  }
}
