/**
 * Where a session runs. On AWS when a state machine ARN is set and DynamoDB is not the embedded
 * local server; otherwise offline, in the extension host, against DynamoDB Local. Pure.
 */
export type SessionMode = 'aws' | 'offline';

export function sessionMode(settings: { stateMachineArn: string; dynamoDbEndpoint: string }): SessionMode {
  return settings.dynamoDbEndpoint.trim() === 'local' || !settings.stateMachineArn.trim() ? 'offline' : 'aws';
}

/** Days a session's journal entries are kept (the entries' ExpiresAt). */
export const JOURNAL_TTL_DAYS = 30;

export function newSessionId(uuid: () => string = () => crypto.randomUUID()): string {
  // AgentCore wants runtime session ids of 33 to 256 characters; "session-" + a UUID is 44.
  return `session-${uuid()}`;
}
