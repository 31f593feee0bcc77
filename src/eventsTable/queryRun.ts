/**
 * The one read of a run's events from the table: a strongly consistent Query on workflow_id,
 * ascending by timestamp, every page followed to the end, optionally bounded on the sort key.
 * The poller and the history loader both read through it.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface RunRange {
  /** Only items with a timestamp strictly above this. */
  after?: number;
  /** Only items with a timestamp at or above this (instead of `after`). */
  from?: number;
  /** Only items with a timestamp at or below this. */
  upTo?: number;
  /** Items per Query page; undefined → DynamoDB's own 1 MB pages. */
  pageSize?: number;
}

interface KeyCondition {
  expression: string;
  values: Record<string, unknown>;
}

/**
 * DynamoDB allows one condition on the sort key, so "above `after` and at most `upTo`" is a
 * BETWEEN whose lower end is dropped from the results. Timestamps may carry a fraction, so the
 * lower end cannot be moved up by one instead.
 */
function keyCondition(workflowId: string, { after, from, upTo }: RunRange): KeyCondition {
  const base = 'workflow_id = :w';
  const lower = after ?? from;
  if (lower !== undefined && upTo !== undefined) {
    return {
      expression: `${base} AND #ts BETWEEN :from AND :to`,
      values: { ':w': workflowId, ':from': lower, ':to': upTo },
    };
  }
  if (lower !== undefined) {
    const op = after !== undefined ? '>' : '>=';
    return { expression: `${base} AND #ts ${op} :from`, values: { ':w': workflowId, ':from': lower } };
  }
  if (upTo !== undefined) return { expression: `${base} AND #ts <= :to`, values: { ':w': workflowId, ':to': upTo } };
  return { expression: base, values: { ':w': workflowId } };
}

/**
 * Yields the run's items page by page (raw items: callers validate them). Stopping the loop early
 * stops reading. An empty range (`after` at or above `upTo`, `from` above it) yields nothing.
 */
export async function* queryRun(
  client: DynamoDBDocumentClient,
  tableName: string,
  workflowId: string,
  range: RunRange = {},
): AsyncGenerator<Record<string, unknown>[], void, undefined> {
  if (range.after !== undefined && range.from !== undefined)
    throw new Error('queryRun takes `after` or `from`, not both.');
  if (range.after !== undefined && range.upTo !== undefined && range.after >= range.upTo) return;
  if (range.from !== undefined && range.upTo !== undefined && range.from > range.upTo) return;
  const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
  const condition = keyCondition(workflowId, range);
  const usesTimestamp = range.after !== undefined || range.from !== undefined || range.upTo !== undefined;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: condition.expression,
        ...(usesTimestamp ? { ExpressionAttributeNames: { '#ts': 'timestamp' } } : {}),
        ExpressionAttributeValues: condition.values,
        ScanIndexForward: true,
        // A strongly consistent read sees every write acknowledged before it started.
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
        Limit: range.pageSize,
      }),
    );
    const items = page.Items ?? [];
    yield range.after === undefined ? items : items.filter((item) => item.timestamp !== range.after);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}
