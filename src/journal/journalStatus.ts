/**
 * The session journal's contract, free of Node and the SDK so the webview protocol can use it:
 * key prefixes, every status with the component that writes it, and the pipeline's stages.
 * The JSON Schema (schema/journal.schema.json) states the same; a test keeps the two equal.
 */
export const SESSION_PREFIX = 'SESSION#';
export const EVENT_PREFIX = 'EVENT#';

export const JOURNAL_STATUSES = [
  'SESSION_INITIATED',
  'AGENT_INVOCATION_STARTED',
  'AGENT_INVOCATION_SUCCEEDED',
  'AGENT_INVOCATION_FAILED',
  'AGENT_ENTRYPOINT_STARTED',
  'AGENT_BACKGROUND_TASK_STARTED',
  'AGENT_ENTRYPOINT_FAILED',
  'AGENT_BACKGROUND_TASK_COMPLETED',
  'AGENT_BACKGROUND_TASK_FAILED',
] as const;
export type JournalStatus = (typeof JOURNAL_STATUSES)[number];

/** Statuses that end a session: the state machine succeeds on the first, fails on the others. */
export const SUCCESS_STATUS: JournalStatus = 'AGENT_BACKGROUND_TASK_COMPLETED';
export const FAILURE_STATUSES: readonly JournalStatus[] = [
  'AGENT_INVOCATION_FAILED',
  'AGENT_ENTRYPOINT_FAILED',
  'AGENT_BACKGROUND_TASK_FAILED',
];

/** One journal entry as read from the table (attribute names as stored). */
export interface JournalItem {
  PK: string;
  SK: string;
  Status: JournalStatus;
  /** ISO-8601 time the entry was written (the SK carries the same time, maybe with a suffix). */
  Timestamp: string;
  ErrorMessage?: string;
  /** Who wrote it: state-machine, invoker, entrypoint, background-task. */
  Component?: string;
  /** Epoch seconds; DynamoDB's TTL deletes the entry after it. */
  ExpiresAt?: number;
}

export const sessionKey = (sessionId: string): string => `${SESSION_PREFIX}${sessionId}`;

/**
 * The pipeline as the status strip shows it: a stage starts with one entry and ends with another,
 * well or badly. The session stage spans the whole run (its first entry to the outcome).
 */
export const STAGES = [
  {
    id: 'session',
    label: 'Session',
    start: 'SESSION_INITIATED',
    ok: ['AGENT_BACKGROUND_TASK_COMPLETED'],
    failed: FAILURE_STATUSES,
  },
  {
    id: 'invocation',
    label: 'Invoker',
    start: 'AGENT_INVOCATION_STARTED',
    ok: ['AGENT_INVOCATION_SUCCEEDED'],
    failed: ['AGENT_INVOCATION_FAILED'],
  },
  {
    id: 'entrypoint',
    label: 'Entrypoint',
    start: 'AGENT_ENTRYPOINT_STARTED',
    ok: ['AGENT_BACKGROUND_TASK_STARTED'],
    failed: ['AGENT_ENTRYPOINT_FAILED'],
  },
  {
    id: 'task',
    label: 'Background task',
    start: 'AGENT_BACKGROUND_TASK_STARTED',
    ok: ['AGENT_BACKGROUND_TASK_COMPLETED'],
    failed: ['AGENT_BACKGROUND_TASK_FAILED'],
  },
] as const satisfies readonly {
  id: string;
  label: string;
  start: JournalStatus;
  ok: readonly JournalStatus[];
  failed: readonly JournalStatus[];
}[];
export type StageId = (typeof STAGES)[number]['id'];
