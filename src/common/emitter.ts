/**
 * A typed event emitter with the same surface as vscode.EventEmitter (`event`, `fire`, `dispose`),
 * so consumers subscribe exactly as they would to a VS Code event. It lives here rather than using
 * the `vscode` module so services run in plain Node tests.
 */
import { IDisposable, toDisposable } from './disposable';

export type Event<T> = (listener: (e: T) => unknown, thisArgs?: unknown, disposables?: IDisposable[]) => IDisposable;

export class EventEmitter<T> implements IDisposable {
  private listeners = new Set<(e: T) => unknown>();
  private disposed = false;

  get listenerCount(): number {
    return this.listeners.size;
  }

  readonly event: Event<T> = (listener, thisArgs, disposables) => {
    if (this.disposed) return toDisposable(() => undefined);
    const bound = thisArgs ? listener.bind(thisArgs) : listener;
    this.listeners.add(bound);
    const subscription = toDisposable(() => this.listeners.delete(bound));
    disposables?.push(subscription);
    return subscription;
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (err) {
        // A failing subscriber must not starve the others.
        console.error('[agentify] event listener failed', err);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}
