/**
 * `npm run local-db -- --hardened` creates the shared-table variant from the template on the
 * embedded server: both indexes and the stream, so the team lists work offline too.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { AwsClientFactory, dynamoDbClient } from '../../../src/aws/clientFactory';
import { findFreePort } from '../../../src/localDb/localDynamoDb';
import { REPO_ROOT, localSettings } from '../../support/localTable';

describe('npm run local-db -- --hardened', () => {
  it('creates the table with both indexes and the stream, says so, and stops on SIGTERM', async () => {
    const port = await findFreePort();
    const child = spawn(
      process.execPath,
      ['scripts/local-db.mjs', '--port', String(port), '--hardened', '--table', 'team-events'],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const lines: string[] = [];
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (chunk: Buffer) => {
          lines.push(...chunk.toString().split('\n'));
          if (lines.some((l) => l.startsWith('endpoint '))) resolve();
        });
        child.on('exit', () => reject(new Error(`local-db exited early: ${lines.join('\n')}`)));
      });
      expect(lines).toContain('table team-events created (hardened) (in memory)');
      const factory = new AwsClientFactory(() => localSettings(`http://127.0.0.1:${port}`));
      const { Table } = await (
        await dynamoDbClient(factory)
      ).send(new DescribeTableCommand({ TableName: 'team-events' }));
      factory.dispose();
      expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['EventTypeIndex', 'StatusIndex']);
      expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
