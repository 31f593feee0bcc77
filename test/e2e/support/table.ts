/** Reads back what a workflow wrote to the events table, to check the producer's table path. */
import type { LocalTable } from '../../support/localTable';
import { pw } from '../../support/retrying';
import { dynamoDbClient } from '../../../src/aws/clientFactory';

export interface StoredEvent {
  workflowId: string;
  eventType: string;
  agentName?: string;
}

export async function storedEvents(table: LocalTable): Promise<StoredEvent[]> {
  const { ScanCommand } = await import('@aws-sdk/client-dynamodb');
  const client = await dynamoDbClient(table.factory);
  const out: StoredEvent[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: start as never }));
    for (const item of page.Items ?? []) {
      out.push({
        workflowId: item.workflow_id?.S ?? '',
        eventType: item.event_type?.S ?? '',
        agentName: item.agent_name?.S,
      });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/**
 * The table's events once it holds the run's terminal event. With stdout events on, the viewer can
 * show the end before the producer's writer thread has flushed its last items, so a single read
 * right after the run could miss them.
 */
export async function storedRun(table: LocalTable, timeoutMs = 30_000): Promise<StoredEvent[]> {
  let stored: StoredEvent[] = [];
  const types = async () => (stored = await storedEvents(table)).map((e) => e.eventType);
  const message = 'the table to hold the run up to workflow_complete';
  await pw.poll(types, { timeout: timeoutMs, message }).toContain('workflow_complete');
  return stored;
}
