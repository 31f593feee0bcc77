/**
 * `npm run local-db [-- --port N] [--persist] [--table NAME] [--hardened]`: starts the embedded
 * DynamoDB Local on 127.0.0.1, creates the events table from the template (with --hardened: the
 * shared-table variant, indexes and stream included), prints the endpoint, and stops the server on
 * Ctrl+C / SIGTERM.
 */
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describeError, isAgentifyError } from '../common/errors';
import { ensureEventsTable } from '../eventsTable/createEventsTable';
import { HARDENED_PARAMETERS, loadTableDefinition } from '../eventsTable/tableDefinition';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalDynamoDb } from './localDynamoDb';

interface CliArgs {
  port?: number;
  persist: boolean;
  table?: string;
  hardened: boolean;
}

const USAGE = 'usage: npm run local-db -- [--port N] [--persist] [--table NAME] [--hardened]';

export function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { persist: false, hardened: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port') {
      const port = Number(argv[++i]);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port needs a number from 0 to 65535. ${USAGE}`);
      args.port = port === 0 ? undefined : port;
    } else if (a === '--persist') args.persist = true;
    else if (a === '--table') args.table = argv[++i];
    else if (a === '--hardened') args.hardened = true;
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`Unknown option ${a}. ${USAGE}`);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const root = path.resolve(__dirname, '..', '..');
  const def = loadTableDefinition(root, args.hardened ? HARDENED_PARAMETERS : {});
  const tableName = args.table ?? def.defaultTableName;
  const server = await startLocalDynamoDb({ port: args.port, dbPath: args.persist ? path.join(process.cwd(), '.agentify', 'local-db') : undefined });
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    console.log('local DynamoDB stopped');
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.on('SIGHUP', shutdown);
  try {
    const client = new DynamoDBClient({ endpoint: server.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const created = await ensureEventsTable(client, tableName, def, { onNote: (note) => console.log(note) });
    client.destroy();
    console.log(`table ${tableName} ${created ? 'created' : 'exists'}${args.hardened ? ' (hardened)' : ''}${args.persist ? ' (persisted in .agentify/local-db)' : ' (in memory)'}`);
  } catch (err) {
    await server.stop();
    throw err;
  }
  console.log(`endpoint ${server.endpoint}`);
  console.log('Set agentify.dynamodb.endpoint to this URL (or "local"). Ctrl+C stops the server.');
  // Keep the process alive until a signal arrives.
  setInterval(() => undefined, 1 << 30);
}

main().catch((err) => {
  console.error(isAgentifyError(err) ? err.message : `local DynamoDB failed: ${describeError(err)}`);
  process.exit(1);
});
