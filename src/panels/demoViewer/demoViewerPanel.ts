/**
 * The Demo Viewer panel on the host: the CSP'd webview shell (from WebviewPanelHost) and a
 * DemoViewerController that owns the conversation with the webview. Holds no viewer logic.
 */
import * as vscode from 'vscode';
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

  constructor(panel: vscode.WebviewPanel, deps: DemoViewerDeps) {
    super(panel, deps.extensionUri, 'demo-viewer', deps.log);
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
}
