/**
 * Reads one past run's events back from the events table: every page of a Query on workflow_id,
 * in timestamp order. Items whose ttl has passed count as gone (DynamoDB deletes expired items
 * lazily, so they may still be returned for a while); a run with nothing left is reported as
 * expired rather than as an empty run.
 */
import type { DynamoDbClientProvider } from '../aws/clientFactory';
import { toUserError } from '../aws/awsErrors';
import type { AgentifyEvent } from '../events/types';
import { eventFromItem } from '../events/validate';

export interface RunEventsLoaderOptions {
  clients: DynamoDbClientProvider;
  /** The events table's name, read on every load so a settings change applies at once. */
  tableName: () => string;
  /** Region, for the messages of AWS errors. */
  region?: () => string;
  /** Clock in epoch ms. Default Date.now. */
  now?: () => number;
  /** Items per Query page. Default: DynamoDB's own (1 MB pages). */
  pageSize?: number;
}

export interface LoadedRun {
  events: AgentifyEvent[];
  /** True when the table holds no live event of this run any more. */
  expired: boolean;
}

export class RunEventsLoader {
  constructor(private readonly options: RunEventsLoaderOptions) {}

  async load(workflowId: string): Promise<LoadedRun> {
    const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
    const tableName = this.options.tableName();
    const client = await this.options.clients.getDynamoDbDocumentClientAsync();
    const nowSeconds = (this.options.now ?? Date.now)() / 1000;
    const events: AgentifyEvent[] = [];
    let startKey: Record<string, unknown> | undefined;
    try {
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'workflow_id = :id',
            ExpressionAttributeValues: { ':id': workflowId },
            ScanIndexForward: true,
            ExclusiveStartKey: startKey,
            Limit: this.options.pageSize,
          }),
        );
        for (const item of page.Items ?? []) {
          const event = eventFromItem(item);
          if (!event || (typeof event.ttl === 'number' && event.ttl < nowSeconds)) continue;
          events.push(event);
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    } catch (err) {
      throw toUserError(err, { tableName, region: this.options.region?.() ?? '' });
    }
    events.sort((a, b) => a.timestamp - b.timestamp);
    return { events, expired: events.length === 0 };
  }
}
