/**
 * The host ⇄ webview message layer both sides import. A webview protocol (demoViewer.ts,
 * ideationWizard.ts, registry.ts) declares each message once as a typed descriptor carrying the
 * valibot schema of its params; the TypeScript types are inferred from the schemas, and message
 * names appear nowhere else. Anything that arrives is untrusted until its schema accepts it.
 *
 *   webview → host: command (no answer), request (answered by a response with the same id)
 *   host → webview: notification, response
 */
import * as v from 'valibot';

/** What a message's params (or a request's result) must be: checked on arrival, never trusted before. */
export type Schema<T> = v.GenericSchema<unknown, T>;

export interface CommandType<P> {
  readonly kind: 'command';
  readonly method: string;
  readonly paramsSchema: Schema<P>;
}

export interface RequestType<P, R> {
  readonly kind: 'request';
  readonly method: string;
  readonly paramsSchema: Schema<P>;
  readonly resultSchema: Schema<R>;
}

export interface NotificationType<P> {
  readonly kind: 'notification';
  readonly method: string;
  readonly paramsSchema: Schema<P>;
}

export const command = <P>(method: string, paramsSchema: Schema<P>): CommandType<P> => ({
  kind: 'command',
  method,
  paramsSchema,
});
export const request = <P, R>(method: string, paramsSchema: Schema<P>, resultSchema: Schema<R>): RequestType<P, R> => ({
  kind: 'request',
  method,
  paramsSchema,
  resultSchema,
});
export const notification = <P>(method: string, paramsSchema: Schema<P>): NotificationType<P> => ({
  kind: 'notification',
  method,
  paramsSchema,
});

// ── schema helpers for protocol files ───────────────────────────────────────────────────────

/** A string bounded in length: webview input is untrusted. */
export const boundedString = (max: number) => v.pipe(v.string(), v.maxLength(max));
/** A number that is neither NaN nor ±Infinity. */
export const finiteNumber = v.pipe(v.number(), v.finite());
/** The params of a message that has none. */
export const noParams = v.nullish(v.never());

// ── the envelope ────────────────────────────────────────────────────────────────────────────

const method = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const id = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
/** Params are checked separately, against the schema of the message's descriptor. */
const params = v.optional(v.unknown());

/** A request's failure; a code that is missing or not a string reads as 'Error', so the request still settles. */
export const IpcError = v.object({ code: v.fallback(v.string(), 'Error'), message: v.string() });
export type IpcError = v.InferOutput<typeof IpcError>;

/** Shape of a raw message. Keys the envelope does not declare are dropped, never trusted. */
export const IpcMessage = v.variant('kind', [
  v.object({ kind: v.literal('command'), method, params }),
  v.object({ kind: v.literal('request'), id, method, params }),
  v.object({ kind: v.literal('notification'), method, params }),
  v.variant('ok', [
    v.object({ kind: v.literal('response'), id, ok: v.literal(true), result: v.optional(v.unknown()) }),
    v.object({ kind: v.literal('response'), id, ok: v.literal(false), error: IpcError }),
  ]),
]);
export type IpcMessage = v.InferOutput<typeof IpcMessage>;

/** Every webview says this first; the host then sends the full state and any held notifications. */
export const READY_METHOD = 'ready';

export type Parsed<T> =
  { readonly success: true; readonly output: T } | { readonly success: false; readonly reason: string };

/**
 * Reads untrusted input against its schema: the schema's output (keys it does not declare are
 * dropped), or one line on why it failed: where, and what was expected (never the value itself,
 * which may be long). It stops at the first issue, which is all a log line needs.
 */
export function parseUntrusted<T>(schema: Schema<T>, value: unknown): Parsed<T> {
  const result = v.safeParse(schema, value, { abortEarly: true });
  if (result.success) return { success: true, output: result.output };
  const [first] = result.issues;
  const at = v.getDotPath(first) ?? '(message)';
  const expected = first.expected && first.expected !== 'unknown' ? `expected ${first.expected}` : 'not valid';
  return { success: false, reason: `${at}: ${expected}` };
}
