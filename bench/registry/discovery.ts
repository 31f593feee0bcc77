/**
 * Agent registry read latency, p50 / p95, with 1,000 registered agents and 50 capabilities (each
 * agent has 3): discover(capability) through AgentRegistry (one Query on CapabilityIndex) and
 * get(id) (one GetItem), against a Scan-based discovery measured in the same run over a table of
 * the same 1,000 profiles (capabilities as a list, FilterExpression contains(), pages followed to
 * the end). Starts and stops its own DynamoDB Local. Prints figures and ratios; never fails.
 *
 *   npx tsx bench/registry/discovery.ts
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BatchWriteCommand, GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { CreateTableCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { AwsClientFactory, dynamoDbClient } from '../../src/aws/clientFactory';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalDynamoDb } from '../../src/localDb/localDynamoDb';
import { AgentRegistry } from '../../src/registry/agentRegistry';
import { CAPABILITY_INDEX } from '../../src/registry/items';
import { ensureRegistryTable, loadRegistryTable } from '../../src/registry/registryTable';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const AGENTS = 1000;
const CAPABILITIES = 50;
const PER_AGENT = 3;
const SAMPLES = { rounds: 400, scanEvery: 5 };
const TARGET_P95_MS = 50;

const capabilityOf = (i: number) => `cap-${String(i % CAPABILITIES).padStart(2, '0')}`;
const capabilitiesOf = (agent: number) => Array.from({ length: PER_AGENT }, (_, k) => capabilityOf(agent * 7 + k * 17));
const agentId = (i: number) => `agent-${String(i).padStart(4, '0')}`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

type Op = (i: number) => Promise<unknown>;

/**
 * The three reads interleaved round by round, so each sees the same machine load (other work on a
 * shared machine comes and goes); the Scan runs every `scanEvery`-th round because it is slow.
 */
async function measure(rounds: number, scanEvery: number, ops: { discover: Op; get: Op; raw: Op; scan: Op }) {
  const times = { discover: [] as number[], get: [] as number[], raw: [] as number[], scan: [] as number[] };
  const time = async (name: keyof typeof times, op: Op, i: number) => {
    const t0 = performance.now();
    await op(i);
    times[name].push(performance.now() - t0);
  };
  for (let i = 0; i < 10; i++) await Promise.all([ops.discover(i), ops.get(i), ops.raw(i), ops.scan(i)]); // warm-up
  for (let i = 0; i < rounds; i++) {
    await time('discover', ops.discover, i);
    await time('get', ops.get, i);
    await time('raw', ops.raw, i);
    if (i % scanEvery === 0) await time('scan', ops.scan, i);
  }
  const stats = (t: number[]) => {
    const sorted = [...t].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), n: t.length };
  };
  return { discover: stats(times.discover), get: stats(times.get), raw: stats(times.raw), scan: stats(times.scan) };
}

async function main(): Promise<void> {
  const server = await startLocalDynamoDb();
  const clients = new AwsClientFactory(() => ({
    region: LOCAL_REGION,
    endpoint: server.endpoint,
    staticCredentials: LOCAL_CREDENTIALS,
  }));
  try {
    const client = await dynamoDbClient(clients);
    const doc = await clients.documentClient();
    await ensureRegistryTable(client, 'BenchRegistry', loadRegistryTable(path.resolve(__dirname, '..', '..')));
    const registry = new AgentRegistry({ clients, tableName: () => 'BenchRegistry', log: (m) => console.log(m) });

    const t0 = performance.now();
    for (let start = 0; start < AGENTS; start += 8) {
      await Promise.all(
        Array.from({ length: Math.min(8, AGENTS - start) }, (_, k) => {
          const i = start + k;
          return registry.register(
            {
              id: agentId(i),
              name: `Agent ${i}`,
              endpoint: `https://agents.example.com/${i}`,
              capabilities: capabilitiesOf(i),
            },
            'bench',
          );
        }),
      );
    }
    const seedMs = performance.now() - t0;

    // The baseline's table: the same profiles, capabilities as a list attribute, no index.
    await client.send(
      new CreateTableCommand({
        TableName: 'BenchScan',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'agentId', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'agentId', KeyType: 'HASH' }],
      }),
    );
    await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: 'BenchScan' });
    for (let start = 0; start < AGENTS; start += 25) {
      const items = Array.from({ length: Math.min(25, AGENTS - start) }, (_, k) => {
        const i = start + k;
        return {
          PutRequest: {
            Item: {
              agentId: agentId(i),
              id: agentId(i),
              name: `Agent ${i}`,
              endpoint: `https://agents.example.com/${i}`,
              capabilities: capabilitiesOf(i),
              registeredAt: 1,
              lastSeenAt: 1,
            },
          },
        };
      });
      let pending: typeof items | undefined = items;
      while (pending?.length) {
        const res = await doc.send(new BatchWriteCommand({ RequestItems: { BenchScan: pending } }));
        pending = res.UnprocessedItems?.BenchScan as typeof items | undefined;
      }
    }

    const scanned = { items: 0, capacity: 0 };
    const scanDiscover = async (capability: string) => {
      const out: unknown[] = [];
      let start: Record<string, unknown> | undefined;
      scanned.items = 0;
      scanned.capacity = 0;
      do {
        const page = await doc.send(
          new ScanCommand({
            TableName: 'BenchScan',
            FilterExpression: 'contains(capabilities, :c)',
            ExpressionAttributeValues: { ':c': capability },
            ExclusiveStartKey: start,
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        scanned.items += page.ScannedCount ?? 0;
        scanned.capacity += page.ConsumedCapacity?.CapacityUnits ?? 0;
        out.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return out;
    };

    // Both discoveries must return the same agents, or the comparison means nothing.
    const a = (await registry.discover(capabilityOf(3))).map((x) => x.id).sort();
    const b = (await scanDiscover(capabilityOf(3))).map((x) => (x as { id: string }).id).sort();
    if (a.join() !== b.join()) throw new Error(`discover and the Scan disagree: ${a.length} vs ${b.length} agents`);

    const { discover, get, raw, scan } = await measure(SAMPLES.rounds, SAMPLES.scanEvery, {
      discover: (i) => registry.discover(capabilityOf(i * 13)),
      get: (i) => registry.get(agentId((i * 37) % AGENTS)),
      // The server's floor on this machine right now: one GetItem of a tiny item, no registry code.
      raw: (i) => doc.send(new GetCommand({ TableName: 'BenchScan', Key: { agentId: 'nothing-' + (i % 7) } })),
      scan: (i) => scanDiscover(capabilityOf(i * 13)),
    });

    // What each reads, independent of this machine's load: items touched and read capacity.
    const query = await doc.send(
      new QueryCommand({
        TableName: 'BenchRegistry',
        IndexName: CAPABILITY_INDEX,
        KeyConditionExpression: 'capability = :c',
        ExpressionAttributeValues: { ':c': capabilityOf(3) },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    await scanDiscover(capabilityOf(3));

    const f = (n: number) => n.toFixed(1).padStart(7);
    console.log(
      `agent registry, ${AGENTS} agents, ${CAPABILITIES} capabilities, ${PER_AGENT} each ` +
        `(≈${a.length} agents per capability); DynamoDB Local`,
    );
    console.log(`seeded through AgentRegistry.register in ${(seedMs / 1000).toFixed(1)} s (8 at a time)`);
    console.log('                                      p50 ms   p95 ms');
    console.log(`discover(capability)  one Query      ${f(discover.p50)}  ${f(discover.p95)}   (${discover.n} calls)`);
    console.log(`get(id)               one GetItem    ${f(get.p50)}  ${f(get.p95)}   (${get.n} calls)`);
    console.log(`raw GetItem (absent)  floor          ${f(raw.p50)}  ${f(raw.p95)}   (${raw.n} calls)`);
    console.log(`Scan-based discovery  baseline       ${f(scan.p50)}  ${f(scan.p95)}   (${scan.n} calls)`);
    console.log(
      `ratio Scan / discover: p50 ${(scan.p50 / discover.p50).toFixed(1)}x, ` +
        `p95 ${(scan.p95 / discover.p95).toFixed(1)}x`,
    );
    const cu = (n: number | undefined) => (n === undefined || n === 0 ? 'n/a' : n.toFixed(1));
    console.log(
      `items read per discovery: Query ${query.ScannedCount} ` +
        `(read units ${cu(query.ConsumedCapacity?.CapacityUnits)}), ` +
        `Scan ${scanned.items} (read units ${cu(scanned.capacity)}); ` +
        'the Scan grows with the table, the Query with the answer',
    );
    console.log(
      `target p95 < ${TARGET_P95_MS} ms: discover ${discover.p95 < TARGET_P95_MS ? 'met' : 'NOT met'}, ` +
        `get ${get.p95 < TARGET_P95_MS ? 'met' : 'NOT met'}`,
    );
  } finally {
    clients.dispose();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
