/**
 * Reads one past run's events back from the events table (src/eventsTable/queryRun.ts: every page,
 * in timestamp order). Items whose ttl has passed count as gone (DynamoDB deletes expired items
 * lazily, so they may still be returned for a while); a run with nothing left is reported as
 * expired rather than as an empty run.
 */
import type { DynamoDbClientProvider } from '../aws/clientFactory';
import { toUserError } from '../aws/awsErrors';
import type { AgentifyEvent } from '../events/types';
import { isAgentifyEvent } from '../events/validate';
import { queryRun } from '../eventsTable/queryRun';

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
    const tableName = this.options.tableName();
    const client = await this.options.clients.getDynamoDbDocumentClientAsync();
    const nowSeconds = (this.options.now ?? Date.now)() / 1000;
    const events: AgentifyEvent[] = [];
    try {
      for await (const page of queryRun(client, tableName, workflowId, { pageSize: this.options.pageSize })) {
        for (const item of page) {
          if (!isAgentifyEvent(item)) continue;
          if (typeof item.ttl === 'number' && item.ttl < nowSeconds) continue;
          events.push(item);
        }
      }
    } catch (err) {
      throw toUserError(err, { tableName, region: this.options.region?.() ?? '' });
    }
    events.sort((a, b) => a.timestamp - b.timestamp);
    return { events, expired: events.length === 0 };
  }
}
