/**
 * The hardened table's sparse indexes, as the producers write them: their names, the attributes
 * that key them, and the sort-key format `<event_type or status>#<timestamp, 17 wide, 3 decimals>`
 * (the Python sink's f"{value}#{timestamp:017.3f}"), which sorts as text in time order.
 */
import * as path from 'node:path';

/** Runs by recency: workflow_start / workflow_complete / workflow_error items carry its keys. */
export const RUNS_INDEX = 'EventTypeIndex';
/** Failures by recency: workflow_error and failed tool_call items carry its keys. */
export const FAILURES_INDEX = 'StatusIndex';

export const OWNER_ATTRIBUTE = 'index_owner';
export const EVENT_TYPE_TS_ATTRIBUTE = 'event_type_ts';
export const STATUS_TS_ATTRIBUTE = 'status_ts';

export const INDEX_SORT_KEYS: Record<string, string> = {
  [RUNS_INDEX]: EVENT_TYPE_TS_ATTRIBUTE,
  [FAILURES_INDEX]: STATUS_TS_ATTRIBUTE,
};

/** `workflow_start#0001795516399100.000`: the sort key of an indexed item. */
export function indexSortKey(prefix: string, timestamp: number): string {
  return `${prefix}#${timestamp.toFixed(3).padStart(17, '0')}`;
}

/**
 * The owner key a workspace's runs are indexed under: the configured one, else the workspace
 * folder's name, as the run's AGENTIFY_OWNER (src/executor/runEnvironment.ts); the team history
 * reads the same.
 */
export function indexOwner(configured: string | undefined, workspaceFolder: string | undefined): string {
  return configured || path.basename(workspaceFolder ?? 'agentify');
}
