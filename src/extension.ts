/**
 * Composition root: creates the services, hands each its dependencies, registers commands and
 * panels, and pushes every disposable into context.subscriptions. No logic lives here.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AwsClientFactory } from './aws/clientFactory';
import { ConfigService } from './config/configService';
import { LocalDbController } from './localDb/localDbController';
import { loadTableDefinition } from './eventsTable/tableDefinition';
import { awsSettingsFor, errorContextFor } from './aws/awsSettings';
import { OutputLog } from './status/outputLog';
import { TableValidator } from './eventsTable/tableValidator';
import { TableStatusBar } from './status/tableStatusBar';
import { registerSetupCommands } from './commands/setupCommands';
import { registerIdeationWizard } from './panels/ideationWizard/registerIdeationWizard';
import { registerDemoViewer } from './panels/demoViewer/registerDemoViewer';
import { WorkflowExecutor } from './executor/workflowExecutor';
import { RunStatusBar } from './status/runStatusBar';
import { RunManager } from './run/runManager';
import { selectedPythonInterpreter } from './executor/pythonExtension';
import { registerOtlpReceiver } from './otlp/registerOtlpReceiver';
import { OtlpTableWriter } from './otlp/otlpTableWriter';
import { indexOwner } from './eventsTable/indexes';
import { DEFAULT_TTL_DAYS } from './config/settings';
import type { SequenceGap } from './run/producerSequences';
import { registerRunCommands } from './commands/runCommands';
import { DynamoDbPollingService } from './polling/dynamoDbPollingService';
import { registerJournalCommands } from './journal/registerJournalCommands';
import { registerAgentRegistry } from './panels/registry/registerAgentRegistry';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const subs = context.subscriptions;
  const workspaceFolder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const log = new OutputLog(vscode.window.createOutputChannel('Agentify', { log: true }));
  subs.push(log);

  const config = new ConfigService(workspaceFolder, (p) =>
    log.warnUser(p.message, { openFile: workspaceFolder && vscode.Uri.joinPath(workspaceFolder, p.file) }),
  );
  subs.push(config);
  await config.reload();

  const tableDefinition = () => loadTableDefinition(context.extensionPath);
  const localDb = new LocalDbController({
    tableDefinition,
    dbPath: () => undefined,
    log: (line) => log.info(line),
  });
  subs.push(localDb);

  const aws = new AwsClientFactory((target) => awsSettingsFor(config.current, localDb, target));
  subs.push(aws);

  const validator = new TableValidator(
    aws,
    () => config.current,
    (c) => awsSettingsFor(c, localDb),
    tableDefinition,
  );
  subs.push(validator);
  subs.push(new TableStatusBar(validator));
  subs.push(
    config.onDidChange(async () => {
      await aws.refresh();
      void validator.validate();
    }),
  );

  registerSetupCommands(context, { config, localDb, aws, validator, log });

  // ── workflow runs ───────────────────────────────────────────────────────────────────────

  // Agent registry: its table beside the events table (same region and endpoint), memory-only without it.
  const agentRegistry = registerAgentRegistry(context, {
    clients: aws,
    config: () => config.current,
    onDidChangeConfig: config.onDidChange,
    target: async () => awsSettingsFor(config.current, localDb),
    log: (m) => log.info(m),
    warnUser: (m) => log.warn(m),
  });

  // The OTLP receiver: agents traced with OpenTelemetry show up as runs, a workflow of ours joins its own.
  const otlp = registerOtlpReceiver(config, { info: (m) => log.info(m), warn: (m) => log.warn(m) });
  subs.push(otlp);

  // One RunSession per run owns its events (stdout, the table, OTLP); RunManager the current run.
  // For endpoint "local" the run writes to the embedded server, started here.
  const executor = new WorkflowExecutor({
    otlpEndpoint: () => otlp.address()?.url,
    registryTable: () => agentRegistry.tableName(),
    selectedPython: (folder) =>
      selectedPythonInterpreter(folder ? vscode.Uri.file(folder) : undefined, (m) => log.info(m)),
    workspaceFolder: () => workspaceFolder?.fsPath,
    decoratorsPath: path.join(context.extensionPath, 'python-decorators'),
    resolveEndpoint: async (c) => (await awsSettingsFor(c, localDb)).endpoint,
    log: { info: (m) => log.info(m), warn: (m) => log.warn(m) },
  });
  const readTable = (workflowId: string, gaps: () => readonly SequenceGap[]) => {
    const poller = new DynamoDbPollingService(aws, config, {
      gaps,
      errorContext: async () => errorContextFor(config.current, await awsSettingsFor(config.current, localDb)),
      log: (m) => log.info(m),
    });
    poller.startPolling(workflowId);
    return poller;
  };
  const runs = new RunManager({
    config,
    executor,
    readTable,
    tableName: () => config.current.infrastructure.dynamodb.tableName,
    log: { info: (m) => log.info(m), warn: (m) => log.warn(m), output: (line) => log.info(line) },
  });
  // With agentify.otlp.writeToTable the receiver's events are also kept in the events table, behind its answers.
  const otlpTable = new OtlpTableWriter({
    clients: aws,
    target: () => ({
      tableName: config.current.infrastructure.dynamodb.tableName,
      owner: indexOwner(config.current.infrastructure.dynamodb.owner, workspaceFolder?.fsPath),
      ttlDays: config.current.infrastructure.dynamodb.ttlDays ?? DEFAULT_TTL_DAYS,
    }),
    errorContext: async () => errorContextFor(config.current, await awsSettingsFor(config.current, localDb)),
    log: (m) => log.warn(m),
  });
  subs.push(
    runs,
    new RunStatusBar(runs),
    otlpTable,
    otlp.onEvents((batch) => runs.acceptExternal(batch, 'otlp')),
    otlp.onEvents((batch) => config.current.otlp.writeToTable && otlpTable.write(batch.events)),
  );
  const runCommands = registerRunCommands(context, {
    runs,
    openDemoViewer: () => void vscode.commands.executeCommand('agentify.openDemoViewer'),
    log,
  });

  // Session journal: Start Session / Open Session, on AWS or offline; the Demo Viewer shows its stages.
  const sessions = registerJournalCommands(context, { config, aws, localDb, runs, log });

  // ── panels ──────────────────────────────────────────────────────────────────────────────

  // Demo Viewer: the live run as it happens, past runs from the table.
  registerDemoViewer(context, {
    lookupAgents: agentRegistry.lookupAgents,
    runs,
    confirmReplacingRun: runCommands.confirmReplacingRun,
    clients: aws,
    config: () => config.current,
    onDidChangeConfig: config.onDidChange,
    log: (m) => log.info(m),
    sessions,
  });

  // Ideation Wizard: its Bedrock client is on AWS (region and profile), never at the DynamoDB endpoint.
  registerIdeationWizard(context, { config: () => config.current, clients: aws, log: (m) => log.info(m) });

  // Validate in the background: activation must not wait on the network.
  void validator.validate();
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
