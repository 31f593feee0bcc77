/** The options of `npm run local-db`, read with Node's own parser; a wrong one throws with the usage. */
import { parseArgs } from 'node:util';

export interface CliArgs {
  /** undefined = a free port (also for `--port 0`). */
  port?: number;
  persist: boolean;
  table?: string;
  /** The shared-table variant of the template: indexes and stream included. */
  hardened: boolean;
  help: boolean;
}

export const USAGE = 'usage: npm run local-db -- [--port N] [--persist] [--table NAME] [--hardened]';

export function parseCliArgs(argv: string[]): CliArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        persist: { type: 'boolean', default: false },
        table: { type: 'string' },
        hardened: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    throw new Error(`${(err as Error).message.replace(/\.?$/, '.')} ${USAGE}`);
  }
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (values.port.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`--port needs a number from 0 to 65535. ${USAGE}`);
    }
  }
  return {
    port: port || undefined,
    persist: values.persist,
    table: values.table,
    hardened: values.hardened,
    help: values.help,
  };
}
