/**
 * Shared plumbing of a webview panel on the host: options (scripts on, resources limited to the
 * built webview folder), the CSP'd HTML for a bundle, and a MessageRouter wired to the panel.
 * Panels (Demo Viewer, Ideation Wizard, Agent Registry) extend it and register their protocol's
 * handlers; SingletonPanel keeps one of each open.
 */
import * as vscode from 'vscode';
import { Disposable } from '../common/disposable';
import { EventEmitter } from '../common/emitter';
import { MessageRouter } from '../protocol/messageRouter';
import { renderWebviewHtml } from './webviewHtml';

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
  };
}

export abstract class WebviewPanelHost extends Disposable {
  protected readonly router: MessageRouter;
  private readonly _onDidDispose = new EventEmitter<void>();
  readonly onDidDispose = this._onDidDispose.event;

  constructor(
    protected readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    bundle: string,
    log: (message: string) => void,
  ) {
    super();
    const webview = panel.webview;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activitybar.svg');
    webview.options = webviewOptions(extensionUri);
    const asUri = (...p: string[]) =>
      webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', ...p)).toString();
    this.router = new MessageRouter(
      (m) => webview.postMessage(m),
      () => this.onReady(),
      log,
    );
    this.register(webview.onDidReceiveMessage((m) => this.router.receive(m)));
    this.register(panel.onDidDispose(() => this.dispose()));
    webview.html = renderWebviewHtml({
      cspSource: webview.cspSource,
      scriptUri: asUri(`${bundle}.js`),
      styleUri: asUri(`${bundle}.css`),
      codiconsUri: asUri('codicons', 'codicon.css'),
      title: panel.title,
    });
  }

  /** The webview said `ready`: send it the full state. */
  protected abstract onReady(): void;

  reveal(): void {
    this.panel.reveal();
  }

  override dispose(): void {
    if (this.isDisposed) return;
    super.dispose();
    this.panel.dispose();
    this._onDidDispose.fire();
    this._onDidDispose.dispose();
  }
}
