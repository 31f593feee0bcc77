/** Reads back what a workflow wrote to the events table, to check the producer's table path. */
import type { LocalTable } from '../../support/localTable';

export interface StoredEvent {
  workflowId: string;
  eventType: string;
  agentName?: string;
}

export async function storedEvents(table: LocalTable): Promise<StoredEvent[]> {
  const { ScanCommand } = await import('@aws-sdk/client-dynamodb');
  const client = await table.factory.getDynamoDbClientAsync();
  const out: StoredEvent[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: start as never }));
    for (const item of page.Items ?? []) {
      out.push({ workflowId: item.workflow_id?.S ?? '', eventType: item.event_type?.S ?? '', agentName: item.agent_name?.S });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}
