/**
 * Reads the hardened table's sparse indexes newest first, one page at a time: a team's runs
 * (EventTypeIndex, workflow_start items) with each run's outcome, and its latest failures
 * (StatusIndex). Index reads are eventually consistent (DynamoDB offers no other kind on a
 * global secondary index), so a run that started a moment ago may appear on the next refresh.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FAILURES_INDEX, INDEX_SORT_KEYS, OWNER_ATTRIBUTE, RUNS_INDEX } from './indexes';

/** Where the next page starts (DynamoDB's LastEvaluatedKey); kept by the host, never sent to a webview. */
export type IndexCursor = Record<string, unknown>;

export interface IndexPageRequest {
  owner: string;
  /** Items per page. Default 20. */
  limit?: number;
  cursor?: IndexCursor;
}

export interface IndexPage<T> {
  items: T[];
  /** Absent on the last page. */
  cursor?: IndexCursor;
}

export interface IndexedRun {
  workflowId: string;
  startedAt: number;
  workflowName?: string;
  prompt?: string;
  status: 'running' | 'completed' | 'failed';
  endedAt?: number;
}

export interface IndexedFailure {
  workflowId: string;
  timestamp: number;
  kind: 'workflow_error' | 'tool_call';
  agentName?: string;
  toolName?: string;
  errorType?: string;
  message: string;
}

type Item = Record<string, unknown>;

async function queryIndexPage(
  client: DynamoDBDocumentClient,
  tableName: string,
  index: string,
  prefix: string,
  req: IndexPageRequest,
): Promise<IndexPage<Item>> {
  const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
  const page = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: index,
      KeyConditionExpression: '#owner = :owner AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#owner': OWNER_ATTRIBUTE, '#sk': INDEX_SORT_KEYS[index] },
      ExpressionAttributeValues: { ':owner': req.owner, ':prefix': `${prefix}#` },
      ScanIndexForward: false,
      Limit: req.limit ?? 20,
      ExclusiveStartKey: req.cursor,
    }),
  );
  return { items: page.Items ?? [], cursor: page.LastEvaluatedKey };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const rec = (v: unknown): Item => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Item) : {});

/**
 * How a run ended, from its newest few items (a strongly consistent read of the base table, so a
 * run that just ended is not shown as running). A run without a terminal event is still running,
 * or its process died without one.
 */
async function outcomeOf(client: DynamoDBDocumentClient, tableName: string, workflowId: string) {
  const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
  const page = await client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'workflow_id = :w',
      ExpressionAttributeValues: { ':w': workflowId },
      ScanIndexForward: false,
      ConsistentRead: true,
      Limit: 5,
    }),
  );
  const end = (page.Items ?? []).find((i) => i.event_type === 'workflow_complete' || i.event_type === 'workflow_error');
  if (!end) return { status: 'running' as const };
  const endedAt = typeof end.timestamp === 'number' ? end.timestamp : undefined;
  return { status: end.event_type === 'workflow_complete' ? ('completed' as const) : ('failed' as const), endedAt };
}

/** A page of the owner's runs, newest start first, each with its outcome. */
export async function listRuns(
  client: DynamoDBDocumentClient,
  tableName: string,
  req: IndexPageRequest,
): Promise<IndexPage<IndexedRun>> {
  const page = await queryIndexPage(client, tableName, RUNS_INDEX, 'workflow_start', req);
  const starts = page.items.filter((i) => typeof i.workflow_id === 'string' && typeof i.timestamp === 'number');
  const items = await Promise.all(
    starts.map(async (start): Promise<IndexedRun> => {
      const workflowId = start.workflow_id as string;
      const payload = rec(start.payload);
      return {
        workflowId,
        startedAt: start.timestamp as number,
        workflowName: str(payload.workflow_name),
        prompt: str(rec(payload.input).prompt),
        ...(await outcomeOf(client, tableName, workflowId)),
      };
    }),
  );
  return { items, cursor: page.cursor };
}

/** A page of the owner's failures (failed runs and failed tool calls), newest first. */
export async function listFailures(
  client: DynamoDBDocumentClient,
  tableName: string,
  req: IndexPageRequest,
): Promise<IndexPage<IndexedFailure>> {
  const page = await queryIndexPage(client, tableName, FAILURES_INDEX, 'failed', req);
  const items = page.items
    .filter((i) => typeof i.workflow_id === 'string' && typeof i.timestamp === 'number')
    .map((i): IndexedFailure => {
      const payload = rec(i.payload);
      const error = rec(payload.error);
      return {
        workflowId: i.workflow_id as string,
        timestamp: i.timestamp as number,
        kind: i.event_type === 'tool_call' ? 'tool_call' : 'workflow_error',
        agentName: str(i.agent_name),
        toolName: str(payload['gen_ai.tool.name']),
        errorType: str(error.type),
        message: str(error.message) ?? 'No error message was recorded.',
      };
    });
  return { items, cursor: page.cursor };
}
