/**
 * The Demo Viewer panel on the host: the CSP'd webview shell (from WebviewPanelHost) and a
 * DemoViewerController that owns the conversation with the webview. Holds no viewer logic.
 */
import * as vscode from 'vscode';
import { EventEmitter } from '../../common/emitter';
import { WebviewPanelHost } from '../webviewPanelHost';
import { DemoViewerController, DemoViewerServices } from './demoViewerController';
import type { TeamHistory } from '../../history/teamHistory';
import { handleTeamHistory, TeamHistoryHandlers } from './teamHistoryHandlers';

export interface DemoViewerDeps extends DemoViewerServices {
  extensionUri: vscode.Uri;
  /** The team lists from the table's indexes; absent = the viewer shows none. */
  teamHistory?: TeamHistory;
}

export class DemoViewerPanel extends WebviewPanelHost {
  static readonly viewType = 'agentify.demoViewer';
  static readonly title = 'Agentify Demo Viewer';
  private readonly controller: DemoViewerController;
  private readonly team: TeamHistoryHandlers | undefined;
  private readonly _onDidDispose = new EventEmitter<void>();
  readonly onDidDispose = this._onDidDispose.event;

  static create(deps: DemoViewerDeps): DemoViewerPanel {
    const panel = vscode.window.createWebviewPanel(
      DemoViewerPanel.viewType,
      DemoViewerPanel.title,
      vscode.ViewColumn.One,
      { enableScripts: true, retainContextWhenHidden: true },
    );
    return new DemoViewerPanel(panel, deps);
  }

  constructor(panel: vscode.WebviewPanel, deps: DemoViewerDeps) {
    super(panel, deps.extensionUri, 'demo-viewer', deps.log);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'activitybar.svg');
    this.controller = this.register(new DemoViewerController(this.router, deps));
    this.team = deps.teamHistory && handleTeamHistory(this.router, deps.teamHistory);
  }

  /** The price setting changed. */
  sendPrices(): void {
    this.controller.sendPrices();
  }

  protected onReady(): void {
    this.controller.sendState();
    void this.team?.sendFirstPages();
  }

  override dispose(): void {
    if (this.isDisposed) return;
    super.dispose();
    this._onDidDispose.fire();
    this._onDidDispose.dispose();
  }
}
