/**
 * A base for classes that own listeners, timers or processes: `register()` collects what must be
 * released, `dispose()` releases it once (idempotent). Shaped like vscode.Disposable so instances
 * go straight into `context.subscriptions`, but free of the `vscode` module so services stay
 * testable outside the editor.
 */
export interface IDisposable {
  dispose(): void;
}

export function toDisposable(fn: () => void): IDisposable {
  let done = false;
  return {
    dispose() {
      if (done) return;
      done = true;
      fn();
    },
  };
}

export abstract class Disposable implements IDisposable {
  private readonly _disposables: IDisposable[] = [];
  private _isDisposed = false;

  protected get isDisposed(): boolean {
    return this._isDisposed;
  }

  protected register<T extends IDisposable>(disposable: T): T {
    if (this._isDisposed) {
      disposable.dispose();
    } else {
      this._disposables.push(disposable);
    }
    return disposable;
  }

  dispose(): void {
    if (this._isDisposed) return;
    this._isDisposed = true;
    while (this._disposables.length) {
      try {
        this._disposables.pop()!.dispose();
      } catch (err) {
        // One failing disposable must not keep the others alive.
        console.error('[agentify] dispose failed', err);
      }
    }
  }
}
