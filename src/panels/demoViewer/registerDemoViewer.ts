/**
 * Wires the Demo Viewer into the editor: one panel at a time ("Open Demo Viewer" reveals it when
 * open, a run's start opens it), the run history and its recorder, export and copy, and the
 * serializer that brings the panel back after a window reload (the webview restores its UI state
 * and asks for its data).
 */
import * as vscode from 'vscode';
import type { DynamoDbClientProvider } from '../../aws/clientFactory';
import { AgentifyError } from '../../common/errors';
import { saveRunExport } from '../../export/saveExport';
import { RunEventsLoader } from '../../history/runEventsLoader';
import { RunHistoryRecorder } from '../../history/runHistoryRecorder';
import { RunHistoryStore } from '../../history/runHistoryStore';
import { isModelPrice } from '../../domain/pricing';
import { LIMITS, PriceEntry } from '../../protocol/demoViewer';
import { TeamHistory } from '../../history/teamHistory';
import { indexOwner } from '../../eventsTable/indexes';
import type { Runs } from '../../run/types';
import { DemoViewerDeps, DemoViewerPanel } from './demoViewerPanel';

export interface DemoViewerWiring {
  runs?: Runs;
  /** Asks before a run from the viewer replaces the running one; without it, runs replace silently. */
  confirmReplacingRun?: () => Promise<boolean>;
  clients: DynamoDbClientProvider;
  tableName: () => string;
  region: () => string;
  /** The endpoint setting ('' = AWS, 'local', or a URL), named when a past run is not found. */
  endpoint?: () => string;
  log: (message: string) => void;
  /** The session journal (Start Session, the stages strip). */
  sessions?: DemoViewerDeps['sessions'];
  /** Owner key of the team lists (`agentify.dynamodb.owner`); empty = the workspace folder's name. */
  owner?: () => string | undefined;
  /** Open the viewer once activation is done (`agentify.demoViewer.openOnStartup`). */
  openOnStartup?: boolean;
  /** Registrations of a run's agents (the agent registry). */
  lookupAgents?: DemoViewerDeps['lookupAgents'];
}

export interface DemoViewerManager {
  /** Reveals the open panel or opens one. */
  show(): DemoViewerPanel;
  readonly history: RunHistoryStore;
}

/** The setting's valid entries only: a typo in one price must not hide the others. */
function userPrices(): Record<string, PriceEntry> {
  const raw = vscode.workspace.getConfiguration('agentify').get<unknown>('pricing.models');
  const out: Record<string, PriceEntry> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>))
    if (k.length <= LIMITS.id && isModelPrice(v)) out[k] = { input: v.input, output: v.output };
  return out;
}

export function registerDemoViewer(context: vscode.ExtensionContext, wiring: DemoViewerWiring): DemoViewerManager {
  const history = new RunHistoryStore(context.workspaceState);
  const { clients, tableName, region, endpoint } = wiring;
  const loader = new RunEventsLoader({ clients, tableName, region, endpoint });
  const { runs } = wiring;
  const teamHistory = new TeamHistory({
    clients: wiring.clients,
    tableName: wiring.tableName,
    region: wiring.region,
    owner: () => indexOwner(wiring.owner?.(), vscode.workspace.workspaceFolders?.[0]?.uri.fsPath),
    localRuns: () => history.list(),
  });
  const deps: DemoViewerDeps = {
    extensionUri: context.extensionUri,
    runs,
    history,
    teamHistory,
    log: wiring.log,
    sessions: wiring.sessions,
    lookupAgents: wiring.lookupAgents,
    run: async (prompt) => {
      if (!runs)
        throw new AgentifyError(
          'Workflows cannot be run from the Demo Viewer in this window: the workflow runner is not set up.',
          { code: 'Unknown', hint: 'Check the Agentify output log for an activation error, then reload the window.' },
        );
      if (wiring.confirmReplacingRun && !(await wiring.confirmReplacingRun())) return;
      await runs.run(prompt);
    },
    stop: async () => runs?.stop(),
    prices: () => userPrices(),
    loadRun: (workflowId) => loader.load(workflowId, history.get(workflowId)?.startedAt),
    exportRun: (format, run, events) => saveRunExport(format, run, events),
    copy: async (text) => {
      await vscode.env.clipboard.writeText(text);
      void vscode.window.setStatusBarMessage('$(check) Copied to the clipboard', 2000);
    },
  };

  let current: DemoViewerPanel | undefined;
  const adopt = (panel: DemoViewerPanel) => {
    current = panel;
    context.subscriptions.push(panel);
    panel.onDidDispose(() => {
      if (current === panel) current = undefined;
    });
    return panel;
  };
  const show = () => {
    if (current) {
      current.reveal();
      return current;
    }
    return adopt(DemoViewerPanel.create(deps));
  };

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(
      (e) => e.affectsConfiguration('agentify.pricing.models') && current?.sendPrices(),
    ),
    history,
    vscode.commands.registerCommand('agentify.openDemoViewer', () => void show()),
    vscode.window.registerWebviewPanelSerializer(DemoViewerPanel.viewType, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
        current?.dispose();
        adopt(new DemoViewerPanel(panel, deps));
      },
    }),
  );
  if (runs) {
    context.subscriptions.push(new RunHistoryRecorder(history, runs));
    // A run is for watching: its start opens the viewer when none is open (an open one keeps its place).
    context.subscriptions.push(runs.onDidStartRun(() => current ?? show()));
  }
  // A panel restored after a reload arrives through the serializer right after activation; give it
  // that moment so the startup panel does not open a second one beside it.
  if (wiring.openOnStartup) {
    const timer = setTimeout(() => current ?? show(), 500);
    context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  }
  return { show, history };
}
