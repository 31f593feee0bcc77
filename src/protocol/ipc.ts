/**
 * The host ⇄ webview message layer both sides import. A webview protocol (demoViewer.ts,
 * ideationWizard.ts) declares each message once as a typed descriptor with a guard for its params;
 * message names appear nowhere else. Anything that arrives is untrusted until a guard accepts it.
 *
 *   webview → host: command (no answer), request (answered by a response with the same id)
 *   host → webview: notification, response
 */

export type Guard<T> = (value: unknown) => value is T;

export interface CommandType<P> {
  readonly kind: 'command';
  readonly method: string;
  readonly isParams: Guard<P>;
}

export interface RequestType<P, R> {
  readonly kind: 'request';
  readonly method: string;
  readonly isParams: Guard<P>;
  readonly isResult: Guard<R>;
}

export interface NotificationType<P> {
  readonly kind: 'notification';
  readonly method: string;
  readonly isParams: Guard<P>;
}

export const command = <P>(method: string, isParams: Guard<P>): CommandType<P> => ({
  kind: 'command',
  method,
  isParams,
});
export const request = <P, R>(method: string, isParams: Guard<P>, isResult: Guard<R>): RequestType<P, R> => ({
  kind: 'request',
  method,
  isParams,
  isResult,
});
export const notification = <P>(method: string, isParams: Guard<P>): NotificationType<P> => ({
  kind: 'notification',
  method,
  isParams,
});

export interface IpcError {
  code: string;
  message: string;
}

export type IpcMessage =
  | { kind: 'command'; method: string; params: unknown }
  | { kind: 'request'; id: number; method: string; params: unknown }
  | { kind: 'notification'; method: string; params: unknown }
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: IpcError };

/** Every webview says this first; the host then sends the full state and any held notifications. */
export const READY_METHOD = 'ready';

/** Shape check of a raw message; params are checked separately against the descriptor's guard. */
export function isIpcMessage(value: unknown): value is IpcMessage {
  if (!isRecord(value) || typeof value.kind !== 'string') return false;
  switch (value.kind) {
    case 'command':
    case 'notification':
      return isMethod(value.method);
    case 'request':
      return isMethod(value.method) && isId(value.id);
    case 'response':
      return (
        isId(value.id) &&
        (value.ok === true || (value.ok === false && isRecord(value.error) && typeof value.error.message === 'string'))
      );
    default:
      return false;
  }
}

const isMethod = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 100;
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

// ── guard helpers for protocol files ────────────────────────────────────────────────────────

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
export const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isNothing = (v: unknown): v is void => v === undefined || v === null;

export function optional<T>(guard: Guard<T>): Guard<T | undefined> {
  return (v: unknown): v is T | undefined => v === undefined || guard(v);
}

export function arrayOf<T>(guard: Guard<T>): Guard<T[]> {
  return (v: unknown): v is T[] => Array.isArray(v) && v.every(guard);
}

export function oneOf<T extends string>(values: readonly T[]): Guard<T> {
  const set = new Set<string>(values);
  return (v: unknown): v is T => typeof v === 'string' && set.has(v);
}

/** An object whose listed keys pass their guards (extra keys are ignored, never trusted). */
export function shape<T>(guards: { [K in keyof T]-?: Guard<T[K]> }): Guard<T> {
  return (v: unknown): v is T => isRecord(v) && Object.entries(guards).every(([k, g]) => (g as Guard<unknown>)(v[k]));
}

/** A string bounded in length: webview input is untrusted. */
export function boundedString(max: number): Guard<string> {
  return (v: unknown): v is string => typeof v === 'string' && v.length <= max;
}
