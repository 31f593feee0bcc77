import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { AwsClientFactory, dynamoDbClient } from '../../../src/aws/clientFactory';
import { LocalDbController } from '../../../src/localDb/localDbController';
import { findFreePort } from '../../../src/localDb/localDynamoDb';
import { loadTableDefinition } from '../../../src/eventsTable/tableDefinition';
import { REPO_ROOT, localSettings } from '../../support/localTable';

function waitForLine(stream: NodeJS.ReadableStream, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = buffer.split('\n').find((l) => pattern.test(l));
      if (match) resolve(match);
    });
    stream.on('end', () => reject(new Error(`stream ended without ${pattern}: ${buffer}`)));
  });
}

describe('npm run local-db', () => {
  it('listens on the given port, creates the table, prints the endpoint and stops cleanly on SIGTERM', async () => {
    const port = await findFreePort();
    const child = spawn(process.execPath, ['scripts/local-db.mjs', '--port', String(port)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = await waitForLine(child.stdout!, /^endpoint /);
    expect(line).toBe(`endpoint http://127.0.0.1:${port}`);
    const factory = new AwsClientFactory(() => localSettings(`http://127.0.0.1:${port}`));
    const { TableNames } = await (await dynamoDbClient(factory)).send(new ListTablesCommand({}));
    expect(TableNames).toContain('agentify-workflow-events');
    factory.dispose();
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const after = await fetch(`http://127.0.0.1:${port}`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(after).toBe('refused');
  });

  it('refuses a bad port with the usage', async () => {
    const child = spawn(process.execPath, ['scripts/local-db.mjs', '--port', 'abc'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = await waitForLine(child.stderr!, /--port needs a number/);
    expect(line).toContain('usage: npm run local-db');
  });
});

describe('LocalDbController', () => {
  it('starts once for concurrent callers, creates each table once, and stops', async () => {
    const logs: string[] = [];
    const controller = new LocalDbController({
      tableDefinition: () => loadTableDefinition(REPO_ROOT),
      log: (l) => logs.push(l),
    });
    const [a, b] = await Promise.all([controller.ensureStarted('t-one'), controller.ensureStarted('t-one')]);
    expect(a).toBe(b);
    await controller.ensureStarted('t-two');
    const factory = new AwsClientFactory(() => localSettings(a));
    const { TableNames } = await (await dynamoDbClient(factory)).send(new ListTablesCommand({}));
    expect(TableNames).toEqual(expect.arrayContaining(['t-one', 't-two']));
    expect(logs.filter((l) => l.startsWith('Starting'))).toHaveLength(1);
    factory.dispose();
    await controller.stop();
    expect(controller.endpoint).toBeUndefined();
    const after = await fetch(a).then(
      () => 'answered',
      () => 'refused',
    );
    expect(after).toBe('refused');
  });
});
