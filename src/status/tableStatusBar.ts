/**
 * Shows the events table's state: a status-bar item always, and a notification with the next step
 * as buttons when the table turns unusable (once per distinct problem).
 */
import * as vscode from 'vscode';
import { Disposable } from '../common/disposable';
import type { TableStatus, TableValidator } from '../eventsTable/tableValidator';

const ICONS: Record<TableStatus['state'], string> = {
  checking: '$(sync~spin)',
  ok: '$(database)',
  missing: '$(warning)',
  schemaMismatch: '$(warning)',
  noCredentials: '$(key)',
  expiredCredentials: '$(key)',
  accessDenied: '$(lock)',
  unreachable: '$(debug-disconnect)',
  error: '$(error)',
};

/** Buttons offered for a problem and the command each runs. */
const ACTIONS: Partial<Record<TableStatus['state'], [string, string, ...unknown[]][]>> = {
  missing: [
    ['Deploy Table…', 'agentify.initializeProject'],
    ['Use Local DynamoDB', 'agentify.startLocalDynamoDb'],
    ['Open Template', 'agentify.openTemplate'],
  ],
  schemaMismatch: [['Initialize Project…', 'agentify.initializeProject']],
  noCredentials: [
    ['Open Settings', 'workbench.action.openSettings', 'agentify.aws.profile'],
    ['Use Local DynamoDB', 'agentify.startLocalDynamoDb'],
  ],
  expiredCredentials: [['Open Settings', 'workbench.action.openSettings', 'agentify.aws.profile']],
  accessDenied: [['Open Settings', 'workbench.action.openSettings', 'agentify.aws.profile']],
  unreachable: [
    ['Start Local DynamoDB', 'agentify.startLocalDynamoDb'],
    ['Open Settings', 'workbench.action.openSettings', 'agentify.dynamodb.endpoint'],
  ],
};

export class TableStatusBar extends Disposable {
  private readonly item = this.register(
    vscode.window.createStatusBarItem('agentify.table', vscode.StatusBarAlignment.Left, 50),
  );
  private lastNotified = '';

  constructor(validator: TableValidator) {
    super();
    this.item.name = 'Agentify Table';
    this.item.command = 'agentify.showStatus';
    this.register(validator.onDidChangeStatus((s) => this.show(s)));
    if (validator.status) this.show(validator.status);
  }

  private show(status: TableStatus): void {
    const where = status.endpoint ? (status.endpoint.includes('127.0.0.1') ? 'local' : status.endpoint) : status.region;
    this.item.text =
      `${ICONS[status.state]} Agentify: ` + `${status.state === 'ok' ? status.tableName : label(status.state)}`;
    this.item.tooltip = new vscode.MarkdownString(undefined, true);
    this.item.tooltip.appendText(`${status.tableName} (${where})\n\n${status.message}`);
    this.item.backgroundColor =
      status.state === 'ok' || status.state === 'checking'
        ? undefined
        : new vscode.ThemeColor('statusBarItem.warningBackground');
    this.item.show();
    if (status.state !== 'ok' && status.state !== 'checking' && status.message !== this.lastNotified) {
      this.lastNotified = status.message;
      void this.notify(status);
    } else if (status.state === 'ok') {
      this.lastNotified = '';
    }
  }

  private async notify(status: TableStatus): Promise<void> {
    const actions = ACTIONS[status.state] ?? [];
    const choice = await vscode.window.showWarningMessage(
      `Agentify: ${status.message}`,
      ...actions.map(([title]) => title),
    );
    const action = actions.find(([title]) => title === choice);
    if (action) await vscode.commands.executeCommand(action[1], ...action.slice(2));
  }
}

function label(state: TableStatus['state']): string {
  switch (state) {
    case 'checking':
      return 'checking table…';
    case 'missing':
      return 'table missing';
    case 'schemaMismatch':
      return 'wrong table schema';
    case 'noCredentials':
      return 'no AWS credentials';
    case 'expiredCredentials':
      return 'credentials expired';
    case 'accessDenied':
      return 'access denied';
    case 'unreachable':
      return 'DynamoDB unreachable';
    default:
      return 'table error';
  }
}
