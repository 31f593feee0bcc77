import { describe, expect, it } from 'vitest';
import { isTransientAwsError, toUserError } from '../../../src/aws/awsErrors';

const ctx = { tableName: 'events', region: 'eu-west-1' };
const sdkError = (name: string, message = name, status?: number) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('toUserError', () => {
  it('says how to deploy a missing table', () => {
    const e = toUserError(sdkError('ResourceNotFoundException', 'Requested resource not found'), ctx);
    expect(e.code).toBe('TableNotFound');
    expect(e.message).toContain('"events" does not exist in eu-west-1');
    expect(e.message).toContain('aws cloudformation deploy --template-file infrastructure/dynamodb-table.yaml');
    expect(e.message).toContain('--region eu-west-1 --parameter-overrides TableName=events');
  });

  it('points a missing local table at the Start Local DynamoDB command', () => {
    const e = toUserError(sdkError('ResourceNotFoundException'), { ...ctx, endpoint: 'http://127.0.0.1:8000' });
    expect(e.message).toContain('Start Local DynamoDB');
  });

  it('says how to configure a profile when there are no credentials', () => {
    const e = toUserError(sdkError('CredentialsProviderError', 'Could not load credentials from any providers'), ctx);
    expect(e.code).toBe('NoCredentials');
    expect(e.message).toContain('agentify.aws.profile');
    expect(e.message).toContain('aws sso login');
  });

  // A stand-in: an expired SSO token cannot be produced by the local server.
  it('says to log in again when the token expired', () => {
    const e = toUserError(sdkError('ExpiredTokenException', 'The security token included in the request is expired'), {
      ...ctx,
      profile: 'dev',
    });
    expect(e.code).toBe('ExpiredCredentials');
    expect(e.message).toContain('aws sso login --profile dev');
  });

  it('names the permissions on access denied', () => {
    const e = toUserError(sdkError('AccessDeniedException', 'not authorized to perform dynamodb:DescribeTable'), ctx);
    expect(e.code).toBe('AccessDenied');
    expect(e.message).toContain('dynamodb:DescribeTable');
  });

  it('tells how to start the server when the endpoint refuses connections', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const e = toUserError(err, { ...ctx, endpoint: 'http://127.0.0.1:1' });
    expect(e.code).toBe('EndpointUnreachable');
    expect(e.message).toContain('Start Local DynamoDB');
  });
});

describe('isTransientAwsError', () => {
  it('retries throttling, 5xx and network errors but not user errors', () => {
    expect(isTransientAwsError(sdkError('ProvisionedThroughputExceededException'))).toBe(true);
    expect(isTransientAwsError(sdkError('ThrottlingException'))).toBe(true);
    expect(isTransientAwsError(sdkError('InternalServerError', 'boom', 500))).toBe(true);
    expect(isTransientAwsError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isTransientAwsError(sdkError('ResourceNotFoundException', 'not found', 400))).toBe(false);
    expect(isTransientAwsError(sdkError('AccessDeniedException', 'denied', 400))).toBe(false);
  });
});
