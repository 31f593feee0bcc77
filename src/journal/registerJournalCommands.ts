/**
 * Wires the session journal into the editor: the commands "Agentify: Start Session" and
 * "Agentify: Open Session", the agentify.journal.* settings, and the session hub the Demo Viewer
 * shows. Thin: the work is in SessionHub and JournalBackends.
 */
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clientFactory';
import type { LocalEndpointProvider } from '../aws/awsSettings';
import { describeError, isAgentifyError } from '../common/errors';
import type { ConfigService } from '../config/configService';
import { resolvePython } from '../executor/pythonResolver';
import type { OutputLog } from '../status/outputLog';
import type { AgentifyEvent } from '../events/types';
import type { EventOrigin } from '../run/types';
import { StdoutEventParser } from '../run/stdoutEventParser';
import { JournalBackends, JournalSettings } from './journalBackends';
import { SessionHub } from './sessionHub';

export interface JournalWiring {
  config: ConfigService;
  /** DynamoDB as configured. */
  aws: AwsClients;
  localDb: LocalEndpointProvider;
  /** The workspace's runs: a session's agent events become the run the viewer shows. */
  runs: { acceptExternal(batch: { workflowId: string; events: readonly AgentifyEvent[] }, origin: EventOrigin): void };
  log: OutputLog;
}

const DEFAULT_PROMPT = 'Compare three open-source vector databases for a small team';

export function registerJournalCommands(context: vscode.ExtensionContext, wiring: JournalWiring): SessionHub {
  const { config, log, runs } = wiring;
  // The offline pipeline's processes print the agent's events as a local run does; each names its session.
  const lines = new StdoutEventParser('session');
  context.subscriptions.push(
    lines,
    lines.onEvents((events) => runs.acceptExternal({ workflowId: events[0].workflow_id, events }, 'stdout')),
    lines.onOutput((line) => log.info(line)),
  );
  const settings = (): JournalSettings => {
    const c = vscode.workspace.getConfiguration('agentify');
    const dynamodb = config.current.infrastructure.dynamodb;
    return {
      journalTable: c.get<string>('journal.tableName', 'agentify-session-journal') || 'agentify-session-journal',
      stateMachineArn: c.get<string>('journal.stateMachineArn', ''),
      offlineAgent: c.get<string>('journal.offlineAgent', ''),
      dynamoDbEndpoint: dynamodb.endpoint,
      region: dynamodb.region,
      profile: config.current.aws.profile,
      eventsTable: dynamodb.tableName,
    };
  };
  const backends = new JournalBackends({
    settings,
    root: context.extensionPath,
    workspaceFolder: () => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    clients: wiring.aws,
    ensureLocalDb: (eventsTable) => wiring.localDb.ensureStarted(eventsTable),
    python: () => resolvePython({ configured: config.current.python.path, pathEnv: process.env.PATH }),
    onLine: (line) => lines.acceptLine(line),
    log: (line) => log.info(line),
  });
  const hub = new SessionHub({
    backend: () => backends.current(),
    showEvents: (sessionId, events) => runs.acceptExternal({ workflowId: sessionId, events }, 'table'),
    log: (m) => log.info(m),
  });
  context.subscriptions.push(backends, hub);

  const report = (what: string, err: unknown) => {
    log.error(what, err);
    void vscode.window
      .showErrorMessage(
        isAgentifyError(err) ? err.message : `${what}: ${describeError(err)}. See the Agentify output log.`,
        'Show Log',
      )
      .then((c) => c && log.show());
  };
  context.subscriptions.push(
    hub.onDidError((err) => log.warn(`Session journal: ${err.message}`)),
    vscode.commands.registerCommand('agentify.startSession', async (promptArg?: string) => {
      const prompt =
        typeof promptArg === 'string'
          ? promptArg
          : await vscode.window.showInputBox({
              title: 'Agentify: Start Session',
              prompt: 'The prompt the agent receives',
              value: DEFAULT_PROMPT,
              ignoreFocusOut: true,
            });
      if (prompt === undefined) return undefined;
      try {
        await vscode.commands.executeCommand('agentify.openDemoViewer');
        const { sessionId } = await hub.start(prompt);
        return sessionId;
      } catch (err) {
        report('The session could not be started', err);
        return undefined;
      }
    }),
    vscode.commands.registerCommand('agentify.openSession', async (idArg?: string) => {
      const sessionId =
        typeof idArg === 'string'
          ? idArg
          : await vscode.window.showInputBox({
              title: 'Agentify: Open Session',
              prompt: 'Session id (session-…)',
              ignoreFocusOut: true,
              validateInput: (v) => (v.trim() ? undefined : 'Enter the id of a session'),
            });
      if (!sessionId?.trim()) return;
      try {
        await vscode.commands.executeCommand('agentify.openDemoViewer');
        await hub.open(sessionId.trim());
      } catch (err) {
        report(`Session ${sessionId} could not be opened`, err);
      }
    }),
  );
  return hub;
}
