/**
 * Turns AWS SDK errors into AgentifyErrors whose message says what happened and what to do next.
 * The table validator, the polling service and Initialize Project all use these words; there is
 * no second copy of them.
 */
import { AgentifyError } from '../common/errors';
import { DEFAULT_STACK_NAME } from '../config/settings';

export interface AwsErrorContext {
  tableName: string;
  region: string;
  /** The endpoint override in use, if any. */
  endpoint?: string;
  profile?: string;
}

export function deployCommand(ctx: Pick<AwsErrorContext, 'tableName' | 'region'>): string {
  return (
    `aws cloudformation deploy --template-file infrastructure/dynamodb-table.yaml --stack-name ` +
    `${DEFAULT_STACK_NAME} --region ${ctx.region} --parameter-overrides TableName=${ctx.tableName}`
  );
}

function profileHint(ctx: AwsErrorContext): string {
  return ctx.profile
    ? `Check the profile "${ctx.profile}" in ~/.aws/config (for SSO run \`aws sso login --profile ${ctx.profile}\`), ` +
        `or change agentify.aws.profile.`
    : 'Set agentify.aws.profile to a profile from ~/.aws/config (for SSO run `aws sso login --profile NAME`), or ' +
        'export AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or set agentify.dynamodb.endpoint to "local" to use the ' +
        'embedded local DynamoDB.';
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'TimeoutError',
  'RequestTimeout',
  'UND_ERR_SOCKET',
]);
const THROTTLE_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'LimitExceededException',
]);
const EXPIRED_NAMES = new Set(['ExpiredTokenException', 'ExpiredToken', 'TokenRefreshRequired']);
const DENIED_NAMES = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'UnauthorizedException',
]);

/** The fields of an AWS SDK error Agentify reads (all optional: anything may be thrown). */
export interface SdkErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

/** The names and codes along an SDK error's cause chain (the SDK wraps network errors). */
export function errorNames(err: unknown): string[] {
  const names: string[] = [];
  let cur: unknown = err;
  for (let depth = 0; cur && depth < 5; depth++) {
    const e = cur as SdkErrorLike;
    if (e.name) names.push(e.name);
    if (e.code) names.push(e.code);
    cur = e.cause;
  }
  return names;
}

/** Errors worth retrying with backoff (throttling, network, 5xx); the others need the user. */
export function isTransientAwsError(err: unknown): boolean {
  const names = errorNames(err);
  if (names.some((n) => THROTTLE_NAMES.has(n) || NETWORK_CODES.has(n))) return true;
  const status = (err as SdkErrorLike)?.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  const message = (err as SdkErrorLike)?.message ?? '';
  return /socket hang up|ECONNRESET|ECONNREFUSED|timed? ?out|fetch failed|network/i.test(message);
}

export function toUserError(err: unknown, ctx: AwsErrorContext): AgentifyError {
  if (err instanceof AgentifyError) return err;
  const names = errorNames(err);
  const has = (set: Set<string>) => names.some((n) => set.has(n));
  const where = ctx.endpoint ? `at ${ctx.endpoint}` : `in ${ctx.region}`;

  if (names.includes('ResourceNotFoundException')) {
    const hint = ctx.endpoint
      ? 'Run "Agentify: Start Local DynamoDB" (it creates the table), or check agentify.dynamodb.tableName.'
      : `Deploy it with \`${deployCommand(ctx)}\`, run "Agentify: Initialize Project", or set ` +
        `agentify.dynamodb.tableName / agentify.aws.region to an existing table.`;
    return new AgentifyError(`The DynamoDB table "${ctx.tableName}" does not exist ${where}. ${hint}`, {
      code: 'TableNotFound',
      cause: err,
      hint,
    });
  }
  if (
    names.includes('CredentialsProviderError') ||
    (/Could not load credentials|credential/i.test((err as SdkErrorLike)?.message ?? '') && !has(DENIED_NAMES))
  ) {
    const hint = profileHint(ctx);
    return new AgentifyError(
      `No AWS credentials were found${ctx.profile ? ` for profile "${ctx.profile}"` : ''}. ${hint}`,
      { code: 'NoCredentials', cause: err, hint },
    );
  }
  if (has(EXPIRED_NAMES) || /token.*expired|expired.*token|sso.*expired/i.test((err as SdkErrorLike)?.message ?? '')) {
    const hint = ctx.profile
      ? `Run \`aws sso login --profile ${ctx.profile}\` (or refresh the profile's credentials) and try again.`
      : 'Refresh your AWS credentials (for SSO: `aws sso login --profile NAME`) and try again.';
    return new AgentifyError(`Your AWS credentials have expired. ${hint}`, {
      code: 'ExpiredCredentials',
      cause: err,
      hint,
    });
  }
  if (has(DENIED_NAMES)) {
    const hint =
      `Grant dynamodb:DescribeTable, dynamodb:Query and dynamodb:PutItem on the table to your identity, ` +
      `or use another profile (agentify.aws.profile).`;
    return new AgentifyError(
      `Access to the DynamoDB table "${ctx.tableName}" ${where} was denied ` +
        `(${(err as SdkErrorLike).message ?? names[0]}). ${hint}`,
      {
        code: 'AccessDenied',
        cause: err,
        hint,
      },
    );
  }
  if (has(THROTTLE_NAMES)) {
    return new AgentifyError(
      `DynamoDB is throttling requests to "${ctx.tableName}". Agentify retries with backoff; nothing to do unless it ` +
        `persists.`,
      { code: 'Throttled', cause: err },
    );
  }
  if (
    names.some((n) => NETWORK_CODES.has(n)) ||
    /ECONNREFUSED|ENOTFOUND|socket hang up|fetch failed/i.test((err as SdkErrorLike)?.message ?? '')
  ) {
    const hint = ctx.endpoint
      ? `Is the server running? For the embedded one run "Agentify: Start Local DynamoDB" (or \`npm run local-db\`), ` +
        `or fix agentify.dynamodb.endpoint.`
      : 'Check your network connection and agentify.aws.region.';
    return new AgentifyError(
      `Cannot reach DynamoDB ${ctx.endpoint ? `at ${ctx.endpoint}` : `in ${ctx.region}`}. ${hint}`,
      { code: 'EndpointUnreachable', cause: err, hint },
    );
  }
  return new AgentifyError(`DynamoDB request failed: ${(err as SdkErrorLike)?.message ?? String(err)}`, {
    code: 'Unknown',
    cause: err,
  });
}
