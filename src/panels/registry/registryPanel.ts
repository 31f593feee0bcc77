/**
 * The Agent Registry panel on the host: the CSP'd webview shell (from WebviewPanelHost) and a
 * RegistryController that owns the conversation with the webview.
 */
import * as vscode from 'vscode';
import { EventEmitter } from '../../common/emitter';
import { WebviewPanelHost } from '../webviewPanelHost';
import { RegistryController, RegistryReader } from './registryController';

export interface RegistryPanelDeps {
  extensionUri: vscode.Uri;
  registry: RegistryReader;
  log: (message: string) => void;
}

export class RegistryPanel extends WebviewPanelHost {
  static readonly viewType = 'agentify.agentRegistry';
  static readonly title = 'Agentify Agent Registry';
  private readonly _onDidDispose = new EventEmitter<void>();
  readonly onDidDispose = this._onDidDispose.event;

  static create(deps: RegistryPanelDeps): RegistryPanel {
    const panel = vscode.window.createWebviewPanel(RegistryPanel.viewType, RegistryPanel.title, vscode.ViewColumn.One, {
      enableScripts: true,
      retainContextWhenHidden: true,
    });
    return new RegistryPanel(panel, deps);
  }

  constructor(panel: vscode.WebviewPanel, deps: RegistryPanelDeps) {
    super(panel, deps.extensionUri, 'registry', deps.log);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'activitybar.svg');
    this.register(new RegistryController(this.router, deps.registry, deps.log));
  }

  /** Nothing to push: right after `ready` the webview asks for the list with its restored filter. */
  protected onReady(): void {}

  override dispose(): void {
    if (this.isDisposed) return;
    super.dispose();
    this._onDidDispose.fire();
    this._onDidDispose.dispose();
  }
}
