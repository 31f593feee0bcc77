/**
 * Wires the Demo Viewer into the editor: one panel at a time ("Open Demo Viewer" reveals it when
 * open, a run's start opens it), the run history and its recorder, export and copy, and the
 * serializer that brings the panel back after a window reload (the webview restores its UI state
 * and asks for its data).
 */
import * as vscode from 'vscode';
import type { AwsClients } from '../../aws/clientFactory';
import type { Event } from '../../common/emitter';
import type { AgentifyConfig } from '../../config/agentifyConfig';
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
import { SingletonPanel } from '../singletonPanel';
import { DemoViewerDeps, DemoViewerPanel } from './demoViewerPanel';

export interface DemoViewerWiring {
  runs?: Runs;
  /** Asks before a run from the viewer replaces the running one; without it, runs replace silently. */
  confirmReplacingRun?: () => Promise<boolean>;
  clients: AwsClients;
  config: () => AgentifyConfig;
  /** Fires after the configuration changed (the viewer's prices follow it). */
  onDidChangeConfig: Event<unknown>;
  log: (message: string) => void;
  /** The session journal (Start Session, the stages strip). */
  sessions?: DemoViewerDeps['sessions'];
  /** Registrations of a run's agents (the agent registry). */
  lookupAgents?: DemoViewerDeps['lookupAgents'];
}

export interface DemoViewerManager {
  /** Reveals the open panel or opens one. */
  show(): DemoViewerPanel;
  readonly history: RunHistoryStore;
}

/** The setting's valid entries only: a typo in one price must not hide the others. */
function userPrices(raw: Record<string, unknown>): Record<string, PriceEntry> {
  const out: Record<string, PriceEntry> = {};
  for (const [k, v] of Object.entries(raw))
    if (k.length <= LIMITS.id && isModelPrice(v)) out[k] = { input: v.input, output: v.output };
  return out;
}

export function registerDemoViewer(context: vscode.ExtensionContext, wiring: DemoViewerWiring): DemoViewerManager {
  const history = new RunHistoryStore(context.workspaceState);
  const { clients, runs } = wiring;
  const dynamodb = () => wiring.config().infrastructure.dynamodb;
  const tableName = () => dynamodb().tableName;
  const region = () => dynamodb().region;
  const loader = new RunEventsLoader({ clients, tableName, region, endpoint: () => dynamodb().endpoint });
  const teamHistory = new TeamHistory({
    clients,
    tableName,
    region,
    owner: () => indexOwner(dynamodb().owner, vscode.workspace.workspaceFolders?.[0]?.uri.fsPath),
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
    prices: () => userPrices(wiring.config().pricing.models),
    loadRun: (workflowId) => loader.load(workflowId, history.get(workflowId)?.startedAt),
    exportRun: (format, run, events) => saveRunExport(format, run, events, wiring.config().otlp.exportEndpoint),
    copy: async (text) => {
      await vscode.env.clipboard.writeText(text);
      void vscode.window.setStatusBarMessage('$(check) Copied to the clipboard', 2000);
    },
  };

  const panels = new SingletonPanel({
    viewType: DemoViewerPanel.viewType,
    title: DemoViewerPanel.title,
    extensionUri: context.extensionUri,
    build: (panel) => new DemoViewerPanel(panel, deps),
  });
  const show = () => panels.show();

  context.subscriptions.push(
    wiring.onDidChangeConfig(() => panels.current?.sendPrices()),
    history,
    panels,
    vscode.commands.registerCommand('agentify.openDemoViewer', () => void show()),
  );
  if (runs) {
    context.subscriptions.push(new RunHistoryRecorder(history, runs));
    // A run is for watching: its start opens the viewer when none is open (an open one keeps its place).
    context.subscriptions.push(runs.onDidStartRun(() => panels.current ?? show()));
  }
  // A panel restored after a reload arrives through the serializer right after activation; give it
  // that moment so the startup panel does not open a second one beside it.
  if (wiring.config().demoViewer.openOnStartup) {
    const timer = setTimeout(() => panels.current ?? show(), 500);
    context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  }
  return { show, history };
}
