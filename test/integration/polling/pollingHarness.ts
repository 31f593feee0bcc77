/**
 * What the polling tests share: a config source naming a table, writing events as a producer
 * does (PutItem / BatchWriteItem through the document client), and a service on a fake clock whose
 * reads are held as its RunSession holds them: each event once (the run's RunEventList), gaps in
 * producers' sequences known (ProducerSequences).
 */
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClients } from '../../../src/aws/clientFactory';
import { EventEmitter } from '../../../src/common/emitter';
import { resolveConfig } from '../../../src/config/agentifyConfig';
import type { ConfigSource } from '../../../src/config/configSource';
import type { AgentifyEvent, EventType } from '../../../src/events/types';
import { DynamoDbPollingService, PollingOptions } from '../../../src/polling/dynamoDbPollingService';
import { ProducerSequences } from '../../../src/run/producerSequences';
import { RunEventList } from '../../../src/run/runEvents';
import { FakeClock } from '../../unit/polling/fakeClock';

export const T0 = 1_767_600_000_000;

export function configFor(tableName: string): ConfigSource {
  return {
    current: resolveConfig({ 'dynamodb.tableName': tableName }, undefined).config,
    onDidChange: new EventEmitter<never>().event,
  };
}

/** A ttl a day from now: the test timestamps lie in the past, and the server deletes expired items. */
function liveTtl(): number {
  return Math.floor(Date.now() / 1000) + 86_400;
}

export function makeEvent(
  workflowId: string,
  timestamp: number,
  eventType: EventType = 'log',
  payload: Record<string, unknown> = { message: `at ${timestamp}` },
): AgentifyEvent {
  return { workflow_id: workflowId, timestamp, event_type: eventType, payload, ttl: liveTtl() };
}

export async function putEvents(clients: AwsClients, tableName: string, items: ReadonlyArray<object>): Promise<void> {
  const doc = await clients.documentClient();
  if (items.length === 1) {
    await doc.send(new PutCommand({ TableName: tableName, Item: items[0] as Record<string, unknown> }));
    return;
  }
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item: Item as Record<string, unknown> } }));
    while (requests.length) {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (out.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
}

export function pollerFor(clients: AwsClients, tableName: string, options: PollingOptions = {}) {
  const clock = new FakeClock();
  const logs: string[] = [];
  const list = new RunEventList();
  const sequences = new ProducerSequences();
  const service = new DynamoDbPollingService(clients, configFor(tableName), {
    clock,
    log: (m) => logs.push(m),
    gaps: () => sequences.gaps(),
    ...options,
  });
  /** Each event once, in the order first read. */
  const received: AgentifyEvent[] = [];
  /** Every event read, re-reads included. */
  let reads = 0;
  const subscription = service.onEvents((events) => {
    reads += events.length;
    for (const e of events) {
      if (!list.add(e)) continue;
      sequences.add(e);
      received.push(e);
    }
  });
  const stops: string[] = [];
  service.onDidStop((s) => stops.push(s.reason));
  return { service, clock, received, logs, subscription, stops, sequences, reads: () => reads };
}
