/**
 * Commands that set a project up and say where it stands: Initialize Project, Show Status, Start
 * Local DynamoDB, Open Template. Thin: the work is done by the services they are given.
 */
import * as vscode from 'vscode';
import type { AwsClientFactory } from '../aws/clientFactory';
import { describeError, isAgentifyError } from '../common/errors';
import { withEventsTable } from '../config/agentifyConfig';
import type { ConfigService } from '../config/configService';
import { DEFAULT_STACK_NAME } from '../config/settings';
import { deployEventsTableStack } from '../eventsTable/stackDeployer';
import type { LocalDbController } from '../localDb/localDbController';
import type { OutputLog } from '../status/outputLog';
import { templatePath } from '../eventsTable/tableDefinition';
import type { TableValidator } from '../eventsTable/tableValidator';
import { formatStatusReport } from '../status/statusReport';

export interface SetupDeps {
  config: ConfigService;
  localDb: LocalDbController;
  aws: AwsClientFactory;
  validator: TableValidator;
  log: OutputLog;
}

export function registerSetupCommands(context: vscode.ExtensionContext, deps: SetupDeps): void {
  const register = (id: string, fn: (...args: unknown[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  register('agentify.initializeProject', () => initializeProject(context, deps));
  register('agentify.showStatus', () => showStatus(deps));
  register('agentify.startLocalDynamoDb', () => startLocalDynamoDb(deps));
  register('agentify.openTemplate', () =>
    vscode.window.showTextDocument(vscode.Uri.file(templatePath(context.extensionPath))),
  );
}

function reportError(deps: SetupDeps, what: string, err: unknown): void {
  deps.log.error(what, err);
  void vscode.window
    .showErrorMessage(isAgentifyError(err) ? err.message : `${what}: ${describeError(err)}`, 'Show Log')
    .then((c) => c && deps.log.show());
}

async function startLocalDynamoDb(deps: SetupDeps): Promise<void> {
  const tableName = deps.config.current.infrastructure.dynamodb.tableName;
  try {
    const endpoint = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Agentify: starting local DynamoDB…' },
      () => deps.localDb.ensureStarted(tableName),
    );
    const target = vscode.workspace.workspaceFolders?.length
      ? vscode.ConfigurationTarget.Workspace
      : vscode.ConfigurationTarget.Global;
    await vscode.workspace.getConfiguration('agentify').update('dynamodb.endpoint', 'local', target);
    const config = await deps.config.reload();
    await deps.aws.refresh();
    const status = await deps.validator.validate();
    const overridden = config.infrastructure.dynamodb.endpoint !== 'local';
    void vscode.window.showInformationMessage(
      overridden
        ? `Local DynamoDB runs at ${endpoint}, but .agentify/config.json sets another endpoint ` +
            `("${config.infrastructure.dynamodb.endpoint}"), which wins. Set "endpoint": "local" there to use it.`
        : `Local DynamoDB runs at ${endpoint} with table "${tableName}". ` +
            `${status.state === 'ok' ? 'Runs now write there.' : status.message}`,
    );
  } catch (err) {
    reportError(deps, 'Starting local DynamoDB failed', err);
  }
}

async function showStatus(deps: SetupDeps): Promise<void> {
  const status = await deps.validator.validate();
  const report = formatStatusReport({
    config: deps.config.current,
    problems: deps.config.problems,
    table: status,
    localEndpoint: deps.localDb.endpoint,
  });
  deps.log.info(report);
  const choice = await vscode.window.showInformationMessage(
    `Agentify: ${status.message}`,
    'Show Details',
    ...(status.state === 'ok' ? [] : ['Initialize Project…']),
  );
  if (choice === 'Show Details') deps.log.show();
  if (choice === 'Initialize Project…') await vscode.commands.executeCommand('agentify.initializeProject');
}

async function initializeProject(context: vscode.ExtensionContext, deps: SetupDeps): Promise<void> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window
      .showErrorMessage(
        'Agentify: open a folder first; Initialize Project writes .agentify/config.json into it.',
        'Open Folder',
      )
      .then((c) => c && vscode.commands.executeCommand('vscode.openFolder'));
    return;
  }
  const status = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Agentify: checking credentials and the events table…' },
    () => deps.validator.validate(),
  );
  const config = deps.config.current;
  if (status.state === 'ok') {
    const uri = await deps.config.writeConfigFile(config);
    void vscode.window.showInformationMessage(
      `Agentify: ${status.message} Saved the project settings to ${vscode.workspace.asRelativePath(uri)}.`,
    );
    return;
  }
  type Choice = vscode.QuickPickItem & { id: 'deploy' | 'local' | 'settings' };
  const choices: Choice[] = [
    {
      id: 'local',
      label: '$(database) Use the embedded local DynamoDB',
      detail: 'No AWS account needed: Agentify starts DynamoDB Local (Java 17+) on this machine.',
    },
    ...(status.state === 'missing' || status.state === 'schemaMismatch'
      ? [
          {
            id: 'deploy' as const,
            label: '$(cloud-upload) Deploy the events table to AWS',
            detail:
              `CloudFormation stack "${DEFAULT_STACK_NAME}" with table ` +
              `"${config.infrastructure.dynamodb.tableName}" in ${config.infrastructure.dynamodb.region}.`,
          },
        ]
      : []),
    { id: 'settings', label: '$(gear) Change the settings', detail: 'Table name, region, profile, endpoint.' },
  ];
  const pick = await vscode.window.showQuickPick(choices, {
    title: 'Agentify: Initialize Project',
    placeHolder: status.message,
    ignoreFocusOut: true,
  });
  if (!pick) return;
  if (pick.id === 'settings') {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'agentify.');
    return;
  }
  try {
    if (pick.id === 'local') {
      await deps.config.writeConfigFile(withEventsTable(config, { endpoint: 'local' }));
      await startLocalDynamoDb(deps);
      return;
    }
    const templateBody = new TextDecoder().decode(
      await vscode.workspace.fs.readFile(vscode.Uri.file(templatePath(context.extensionPath))),
    );
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: 'Agentify: deploying the events table',
        cancellable: false,
      },
      async (progress) =>
        deployEventsTableStack(
          deps.aws,
          { stackName: DEFAULT_STACK_NAME, templateBody, tableName: config.infrastructure.dynamodb.tableName },
          (line) => {
            deps.log.info(line);
            progress.report({ message: line });
          },
        ),
    );
    const tableName = result.outputs.TableName ?? config.infrastructure.dynamodb.tableName;
    const uri = await deps.config.writeConfigFile(withEventsTable(config, { tableName }));
    const after = await deps.validator.validate();
    void vscode.window.showInformationMessage(
      `Agentify: stack ${DEFAULT_STACK_NAME} ${result.action} (${result.stackStatus}). ${after.message} Saved ` +
        `${vscode.workspace.asRelativePath(uri)}.`,
    );
  } catch (err) {
    reportError(deps, 'Initialize Project failed', err);
  }
}
