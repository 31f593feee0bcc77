/**
 * End to end, the first minutes of a user: the VSIX installs and the extension activates in a real
 * VS Code host, a table that does not exist is reported with the command that deploys it, and
 * "Agentify: Show Status" answers from the palette.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clearNotifications, runCommand, waitForNotification } from '../../scripts/vscode-host/workbench.mjs';
import { LOCAL_REGION } from '../../src/localDb/localDynamoDb';
import { uniqueTableName } from '../support/localTable';
import { E2eSession, keepEvidenceOnFailure, startSession } from './support/session';

describe('Extension set-up in a real VS Code host', () => {
  let session: E2eSession | undefined;
  const missingTable = uniqueTableName('agentify-e2e-missing');

  beforeAll(async () => {
    session = await startSession({
      name: 'setup',
      // No endpoint setting: the extension believes it talks to AWS, as a user's would. The AWS
      // SDK's own AWS_ENDPOINT_URL_DYNAMODB sends its calls to the local server instead, which
      // answers for the missing table exactly as the service does.
      workspaceSettings: {
        'agentify.dynamodb.endpoint': '',
        'agentify.dynamodb.tableName': missingTable,
        'agentify.aws.region': LOCAL_REGION,
      },
      env: { AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint') },
    });
  });

  afterAll(async () => {
    await session?.stop();
  });

  keepEvidenceOnFailure('setup', () => session);

  it('tells the user, unasked, that the table is missing and how to deploy it', async () => {
    const s = session!;
    await s.shot('workbench');
    // No command run yet: this is the notification activation raises by itself.
    const message = await waitForNotification(s.page, 'aws cloudformation deploy');
    await s.shot('missing-table');
    expect(message).toContain(missingTable);
    expect(message).toContain('--template-file infrastructure/dynamodb-table.yaml');
  });

  it('answers "Agentify: Show Status" from the palette', async () => {
    const s = session!;
    await clearNotifications(s.page);
    await runCommand(s.page, 'Agentify: Show Status');
    const status = await waitForNotification(s.page, /^Agentify: /);
    await s.shot('status');
    expect(status).toContain(missingTable);
  });
});
