/** The client the factory builds talks to a real DynamoDB-compatible server (the run's DynamoDB Local). */
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { AwsClientFactory, dynamoDbClient } from '../../../src/aws/clientFactory';
import { localSettings } from '../../support/localTable';

describe('AwsClientFactory against the local server', () => {
  it('sends requests through the endpoint override with the static credentials', async () => {
    const factory = new AwsClientFactory(() => localSettings());
    try {
      const out = await (await dynamoDbClient(factory)).send(new ListTablesCommand({}));
      expect(out.$metadata.httpStatusCode).toBe(200);
      expect(Array.isArray(out.TableNames)).toBe(true);
    } finally {
      factory.dispose();
    }
  });
});
