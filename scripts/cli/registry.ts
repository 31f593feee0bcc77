/**
 * `npm run registry [-- --port N] [--memory] [--endpoint URL] [--table NAME] [--persist]`: the
 * registry's HTTP API on 127.0.0.1 for offline use. By default it starts the embedded DynamoDB
 * Local and creates the registry table from the template; --memory keeps agents in memory only;
 * --endpoint uses a DynamoDB server already running. Prints the URL; Ctrl+C stops everything.
 */
import path from 'node:path';
import { AwsClientFactory } from '../../src/aws/clientFactory';
import { describeError } from '../../src/common/errors';
import { LOCAL_CREDENTIALS, LOCAL_REGION, LocalDynamoDb, startLocalDynamoDb } from '../../src/localDb/localDynamoDb';
import { AgentRegistry } from '../../src/registry/agentRegistry';
import { startLocalRegistryServer } from '../../src/registry/localServer';
import { ensureRegistryTable, loadRegistryTable } from '../../src/registry/registryTable';
import { DEFAULT_REGISTRY_TABLE } from '../../src/registry/types';

interface CliArgs {
  port?: number;
  memory: boolean;
  endpoint?: string;
  table: string;
  persist: boolean;
}

const USAGE = 'usage: npm run registry -- [--port N] [--memory] [--endpoint URL] [--table NAME] [--persist]';

export function parseRegistryArgs(argv: string[]): CliArgs {
  const args: CliArgs = { memory: false, table: DEFAULT_REGISTRY_TABLE, persist: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value. ${USAGE}`);
      return v;
    };
    if (a === '--port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`--port needs a number from 0 to 65535. ${USAGE}`);
      args.port = port;
    } else if (a === '--memory') args.memory = true;
    else if (a === '--endpoint') args.endpoint = value();
    else if (a === '--table') args.table = value();
    else if (a === '--persist') args.persist = true;
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`Unknown option ${a}. ${USAGE}`);
  }
  if (args.memory && args.endpoint) throw new Error(`--memory and --endpoint exclude each other. ${USAGE}`);
  return args;
}

async function main(): Promise<void> {
  const args = parseRegistryArgs(process.argv.slice(2));
  const root = path.resolve(__dirname, '..', '..');
  let db: LocalDynamoDb | undefined;
  if (!args.memory && !args.endpoint)
    db = await startLocalDynamoDb({
      dbPath: args.persist ? path.join(process.cwd(), '.agentify', 'local-db') : undefined,
    });
  const endpoint = db?.endpoint ?? args.endpoint;
  const clients = new AwsClientFactory(() => ({
    region: LOCAL_REGION,
    endpoint,
    staticCredentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  }));
  const def = loadRegistryTable(root);
  const registry = new AgentRegistry({
    clients,
    tableName: () => args.table,
    target: () => ({ region: LOCAL_REGION, endpoint }),
    createTable: args.memory ? undefined : (client, name) => ensureRegistryTable(client, name, def),
    log: (m) => console.log(m),
    memoryOnly: args.memory,
  });
  // Settles the store (and creates the table) before the URL is printed.
  await registry.list({ limit: 1 });
  const server = await startLocalRegistryServer(registry, { port: args.port, log: (m) => console.error(m) });
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    clients.dispose();
    await db?.stop();
    console.log('registry stopped');
    process.exit(0);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, shutdown);
  const store =
    registry.mode === 'table'
      ? `table ${args.table} at ${endpoint ?? 'AWS'}${args.persist ? ' (persisted in .agentify/local-db)' : ''}`
      : 'memory only';
  console.log(`registry ${server.url} (${store})`);
  console.log('Try: curl ' + server.url + '/agents   Ctrl+C stops it.');
  setInterval(() => undefined, 1 << 30);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(
      `The registry could not start: ${describeError(err)}. ` +
        'Check that Java 17+ is installed (for the embedded DynamoDB), or run with --memory.',
    );
    process.exit(1);
  });
}
