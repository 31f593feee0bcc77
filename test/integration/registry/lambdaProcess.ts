/**
 * Run as its own process by the cold-start test: loads the registry's Lambda entry fresh (new
 * module, new service, new client), hands it one function URL event from argv and prints the
 * result as one JSON line.
 */
import { handler } from '../../../src/registry/lambda';

handler(JSON.parse(process.argv[2]))
  .then((result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  })
  .catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
