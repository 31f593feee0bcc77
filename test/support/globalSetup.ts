/**
 * One DynamoDB Local server for the whole test run, on 127.0.0.1, always stopped at the end.
 * Test files get its endpoint with `inject('dynamoEndpoint')` and make their own table
 * (test/support/localTable.ts).
 */
import type { TestProject } from 'vitest/node';
import { startLocalDynamoDb, LocalDynamoDb } from '../../src/localDb/localDynamoDb';

let server: LocalDynamoDb | undefined;

export async function setup(project: TestProject): Promise<void> {
  server = await startLocalDynamoDb();
  project.provide('dynamoEndpoint', server.endpoint);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
