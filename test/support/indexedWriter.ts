/**
 * A test writer of the hardened table's items: events as the Python DynamoDB sink writes them,
 * index keys included (`index_owner`, `event_type_ts`, `status_ts` on the event types the
 * contract names), so the index queries can be tested before and apart from the sink.
 */
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { indexAttributes } from '../../src/eventsTable/eventItem';

export interface TestEvent {
  workflow_id: string;
  timestamp: number;
  event_type: string;
  agent_name?: string;
  payload: Record<string, unknown>;
  ttl?: number;
}

/** One run's events: start, a tool call (failed when `fails`), and its end (none when `running`). */
export function runEvents(
  workflowId: string,
  startedAt: number,
  outcome: 'completed' | 'failed' | 'running',
  prompt = `prompt of ${workflowId}`,
): TestEvent[] {
  const events: TestEvent[] = [
    {
      workflow_id: workflowId,
      timestamp: startedAt,
      event_type: 'workflow_start',
      payload: { status: 'started', workflow_name: 'research-team', input: { prompt } },
    },
    {
      workflow_id: workflowId,
      timestamp: startedAt + 1,
      event_type: 'agent_start',
      agent_name: 'planner',
      payload: {},
    },
  ];
  const error = { type: 'SourceUnavailableError', message: `${workflowId}: source did not answer` };
  if (outcome === 'failed') {
    events.push({
      workflow_id: workflowId,
      timestamp: startedAt + 2.5,
      event_type: 'tool_call',
      agent_name: 'planner',
      payload: { status: 'failed', 'gen_ai.tool.name': 'read_source', error },
    });
    events.push({
      workflow_id: workflowId,
      timestamp: startedAt + 3,
      event_type: 'workflow_error',
      payload: { status: 'failed', error },
    });
  } else if (outcome === 'completed') {
    events.push({
      workflow_id: workflowId,
      timestamp: startedAt + 2,
      event_type: 'tool_call',
      agent_name: 'planner',
      payload: { status: 'completed', 'gen_ai.tool.name': 'web_search' },
    });
    events.push({
      workflow_id: workflowId,
      timestamp: startedAt + 3,
      event_type: 'workflow_complete',
      payload: { status: 'completed' },
    });
  }
  return events;
}

/** Writes the events (25 per BatchWriteItem), with index keys for `owner` unless it is undefined. */
export async function writeEvents(
  doc: DynamoDBDocumentClient,
  tableName: string,
  events: readonly TestEvent[],
  owner: string | undefined,
): Promise<void> {
  for (let i = 0; i < events.length; i += 25) {
    const items = events.slice(i, i + 25).map((e) => ({ ...e, ...(owner ? indexAttributes(e, owner) : {}) }));
    let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
      [tableName]: items.map((Item) => ({ PutRequest: { Item } })),
    };
    for (let attempt = 0; request && Object.keys(request).length && attempt < 10; attempt++) {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: request }));
      request = out.UnprocessedItems as typeof request;
    }
  }
}
