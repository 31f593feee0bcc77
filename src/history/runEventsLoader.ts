/**
 * Reads one past run's events back from the events table: every page of a Query on workflow_id
 * (src/eventsTable/queryRun.ts), in timestamp order. Items whose ttl has passed count as gone
 * (DynamoDB deletes expired items lazily, so they may still be returned for a while); a run with
 * nothing left is reported as expired rather than as an empty run, but only when it can have
 * expired: a run started within the events' lifetime that the table does not hold was written to
 * another table or endpoint, and the error says so, naming the table and endpoint that were read.
 */
import type { AwsClients } from '../aws/clientFactory';
import { toUserError } from '../aws/awsErrors';
import { AgentifyError } from '../common/errors';
import type { AgentifyEvent } from '../events/types';
import { eventFromItem } from '../events/validate';
import { queryRun } from '../eventsTable/queryRun';

export interface RunEventsLoaderOptions {
  clients: AwsClients;
  /** The events table's name, read on every load so a settings change applies at once. */
  tableName: () => string;
  /** Region, for the messages of AWS errors. */
  region?: () => string;
  /** The endpoint setting ('' = AWS, 'local', or a URL), for the message of a run not found. */
  endpoint?: () => string;
  /** Days the producer keeps events (agentify.dynamodb.ttlDays). Default 1. */
  ttlDays?: () => number;
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

  /** `startedAt` (epoch ms, from the run history) tells an expired run from one written elsewhere. */
  async load(workflowId: string, startedAt?: number): Promise<LoadedRun> {
    const tableName = this.options.tableName();
    const client = await this.options.clients.documentClient();
    const nowSeconds = (this.options.now ?? Date.now)() / 1000;
    const events: AgentifyEvent[] = [];
    let stored = 0;
    try {
      // Sort keys at or below 0 are producers' writer-slot claims, not events.
      for await (const page of queryRun(client, tableName, workflowId, { after: 0, pageSize: this.options.pageSize })) {
        for (const item of page) {
          const event = eventFromItem(item);
          if (!event) continue;
          stored++;
          if (typeof event.ttl === 'number' && event.ttl < nowSeconds) continue;
          events.push(event);
        }
      }
    } catch (err) {
      throw toUserError(err, { tableName, region: this.options.region?.() ?? '' });
    }
    events.sort((a, b) => a.timestamp - b.timestamp);
    if (events.length === 0 && stored === 0) this.notInTable(workflowId, tableName, nowSeconds * 1000, startedAt);
    return { events, expired: events.length === 0 };
  }

  /** Throws unless the run is old enough for DynamoDB to have deleted every event of it. */
  private notInTable(workflowId: string, tableName: string, now: number, startedAt: number | undefined): void {
    const days = this.options.ttlDays?.() ?? 1;
    const lifetime = days * 86_400_000;
    if (startedAt !== undefined && now - startedAt >= lifetime) return;
    const endpoint = this.options.endpoint?.() ?? '';
    const where =
      endpoint === 'local'
        ? 'the embedded DynamoDB Local'
        : endpoint || `AWS (region ${this.options.region?.() ?? 'from the settings'})`;
    const kept = `events are kept ${days} day${days === 1 ? '' : 's'}`;
    const why =
      startedAt === undefined
        ? `Either it was written to another table or endpoint, or its events have expired (${kept}).`
        : `It started too recently to have expired (${kept}), so it was written to another table or endpoint.`;
    const hint =
      "Set agentify.dynamodb.tableName and agentify.dynamodb.endpoint (or the project's .agentify/config.json) " +
      'to the ones the run used, then open it again.';
    throw new AgentifyError(`The run ${workflowId} is not in the table "${tableName}" on ${where}. ${why} ${hint}`, {
      code: 'RunNotInTable',
      hint,
    });
  }
}
