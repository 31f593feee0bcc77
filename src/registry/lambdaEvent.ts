/**
 * Lambda events in and results out: function URL / API Gateway HTTP API (payload 2.0) and REST
 * API (1.0) requests become an HttpRequest whose principal is the IAM caller the service put in
 * the request context (never a header: a header is the caller's to choose).
 */
import type { HttpRequest, HttpResponse } from './httpHandler';

export interface LambdaHttpEvent {
  version?: string;
  rawPath?: string;
  path?: string;
  httpMethod?: string;
  queryStringParameters?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
  requestContext?: {
    http?: { method?: string; path?: string };
    authorizer?: { iam?: { userArn?: string } } | null;
    identity?: { userArn?: string | null } | null;
  };
}

export function fromLambdaEvent(event: LambdaHttpEvent): HttpRequest {
  const ctx = event.requestContext ?? {};
  const method = ctx.http?.method ?? event.httpMethod ?? 'GET';
  const path = event.rawPath ?? ctx.http?.path ?? event.path ?? '/';
  const body =
    event.body == null
      ? undefined
      : event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body;
  const principal = ctx.authorizer?.iam?.userArn ?? ctx.identity?.userArn ?? undefined;
  return { method, path, query: { ...(event.queryStringParameters ?? {}) }, body, ...(principal ? { principal } : {}) };
}

export function toLambdaResult(res: HttpResponse): HttpResponse & { isBase64Encoded: false } {
  return { ...res, isBase64Encoded: false };
}
