/**
 * Writes a run's `workflow_start` once per run, for a producer that cannot tell whether an earlier
 * instance of itself already opened the run: the OTLP receiver, restarted with the extension,
 * maps the rest of a trace as a new run and would give it a second start at a later time (the
 * team history would list the run twice). A marker item at a negative sort key (negative keys are
 * never events, docs/events.md) records the first start's timestamp; a later, different start of
 * the run is not written. The same start again (an exporter's retry) still counts as written.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type PutOutcome, putEventItem } from './putEventItem';

/** The sort key of a run's start marker; writer slots take -1 to -999. */
export const RUN_START_MARKER_KEY = -1000;
export const RUN_START_MARKER_KIND = 'run_start';

export type RunStartOutcome = PutOutcome | 'reopened';

export async function putRunStart(
  doc: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown> & { workflow_id: string; timestamp: number; producer_id: string; ttl?: number },
): Promise<RunStartOutcome> {
  const { GetCommand, PutCommand } = await import('@aws-sdk/lib-dynamodb');
  const marker = {
    workflow_id: item.workflow_id,
    timestamp: RUN_START_MARKER_KEY,
    kind: RUN_START_MARKER_KIND,
    producer_id: item.producer_id,
    start: item.timestamp,
    ...(item.ttl !== undefined ? { ttl: item.ttl } : {}),
  };
  try {
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: marker,
        ConditionExpression: 'attribute_not_exists(workflow_id)',
      }),
    );
  } catch (err) {
    if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
    const held = await doc.send(
      new GetCommand({
        TableName: tableName,
        Key: { workflow_id: item.workflow_id, timestamp: RUN_START_MARKER_KEY },
        ConsistentRead: true,
      }),
    );
    if (held.Item?.start !== item.timestamp) return 'reopened';
  }
  return putEventItem(doc, tableName, item);
}
