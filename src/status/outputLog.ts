/**
 * The "Agentify" output channel: details for whoever looks, and the one way services tell the user
 * something that needs attention (a notification with an action, the details logged).
 */
import * as vscode from 'vscode';

export class OutputLog implements vscode.Disposable {
  constructor(readonly channel: vscode.LogOutputChannel) {}

  info(message: string): void {
    this.channel.info(message);
  }

  warn(message: string): void {
    this.channel.warn(message);
  }

  error(message: string, err?: unknown): void {
    this.channel.error(err instanceof Error ? `${message}\n${err.stack ?? err.message}` : message);
  }

  /** A warning the user should see, optionally with a button that opens the file concerned. */
  warnUser(message: string, options: { openFile?: vscode.Uri } = {}): void {
    this.channel.warn(message);
    const actions = options.openFile ? ['Open File'] : [];
    void vscode.window.showWarningMessage(message, ...actions).then((choice) => {
      if (choice === 'Open File' && options.openFile) void vscode.window.showTextDocument(options.openFile);
    });
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
