/**
 * The Agent Registry panel on the host: the CSP'd webview shell (from WebviewPanelHost) and a
 * RegistryController that owns the conversation with the webview.
 */
import * as vscode from 'vscode';
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

  constructor(panel: vscode.WebviewPanel, deps: RegistryPanelDeps) {
    super(panel, deps.extensionUri, 'registry', deps.log);
    this.register(new RegistryController(this.router, deps.registry, deps.log));
  }

  /** Nothing to push: right after `ready` the webview asks for the list with its restored filter. */
  protected onReady(): void {}
}
