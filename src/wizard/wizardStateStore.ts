/**
 * Owns the wizard's state in the workspace (context.workspaceState), so a design survives closing
 * the window, not only a webview reload. What comes back is checked against the protocol's schema:
 * a stale or damaged entry is treated as no state rather than trusted.
 */
import { EventEmitter } from '../common/emitter';
import { IDisposable } from '../common/disposable';
import { parseUntrusted } from '../protocol/ipc';
import { WizardState } from '../protocol/ideationWizard';

/** The part of vscode.Memento the store uses. */
export interface StateMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}
interface Thenable<T> {
  then<R>(onfulfilled?: (value: T) => R): Thenable<R>;
}

export const WIZARD_STATE_KEY = 'agentify.ideationWizard.state';

export class WizardStateStore implements IDisposable {
  private readonly _onDidReset = new EventEmitter<void>();
  readonly onDidReset = this._onDidReset.event;

  constructor(private readonly memento: StateMemento) {}

  load(): WizardState | undefined {
    const value = parseUntrusted(WizardState, this.memento.get<unknown>(WIZARD_STATE_KEY));
    return value.success ? value.output : undefined;
  }

  async save(state: WizardState): Promise<void> {
    await this.memento.update(WIZARD_STATE_KEY, state);
  }

  async reset(): Promise<void> {
    await this.memento.update(WIZARD_STATE_KEY, undefined);
    this._onDidReset.fire();
  }

  dispose(): void {
    this._onDidReset.dispose();
  }
}
