/**
 * `npm run local-db [-- --port N] [--persist] [--table NAME] [--hardened]`: starts the embedded
 * DynamoDB Local on 127.0.0.1, creates the events table from the template (with --hardened: the
 * shared-table variant, indexes and stream included), prints the endpoint, and stops the server on
 * Ctrl+C / SIGTERM.
 */
import path from 'node:path';
import { AwsClientFactory, dynamoDbClient } from '../../src/aws/clientFactory';
import { describeError, isAgentifyError } from '../../src/common/errors';
import { ensureEventsTable } from '../../src/eventsTable/createEventsTable';
import { HARDENED_PARAMETERS, loadTableDefinition } from '../../src/eventsTable/tableDefinition';
import { parseCliArgs, USAGE } from './localDbArgs';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalDynamoDb } from '../../src/localDb/localDynamoDb';

async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const root = path.resolve(__dirname, '..', '..');
  const def = loadTableDefinition(root, args.hardened ? HARDENED_PARAMETERS : {});
  const tableName = args.table ?? def.defaultTableName;
  const server = await startLocalDynamoDb({
    port: args.port,
    dbPath: args.persist ? path.join(process.cwd(), '.agentify', 'local-db') : undefined,
  });
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
    const clients = new AwsClientFactory(() => ({
      endpoint: server.endpoint,
      region: LOCAL_REGION,
      staticCredentials: LOCAL_CREDENTIALS,
    }));
    const created = await ensureEventsTable(await dynamoDbClient(clients), tableName, def, {
      onNote: (note) => console.log(note),
    });
    clients.dispose();
    const variant = args.hardened ? ' (hardened)' : '';
    const storage = args.persist ? ' (persisted in .agentify/local-db)' : ' (in memory)';
    console.log(`table ${tableName} ${created ? 'created' : 'exists'}${variant}${storage}`);
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
