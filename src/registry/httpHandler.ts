/**
 * The registry's HTTP API, one handler for the Lambda (function URL / API Gateway events) and the
 * local server:
 *   POST   /agents/register        {profile}        201 created, 200 updated
 *   GET    /agents?capability=x                     agents with that capability (one Query)
 *   GET    /agents[?limit=&cursor=]                 all agents, a page at a time
 *   GET    /agents/{id}             GET /agents/{id}/card (the A2A AgentCard)
 *   POST   /agents/{id}/heartbeat   DELETE /agents/{id}
 * Errors are JSON {error: {code, message, field?, reason?}} with a status code. Writes need the
 * caller's identity (the IAM principal of a signed request); a read-only deployment refuses them.
 */
import { isAgentifyError } from '../common/errors';
import { toAgentCard } from './agentCard';
import type { AgentRegistry } from './agentRegistry';
import { RegistryError, invalid, isRegistryError } from './errors';
import { LIMITS, MAX_PAGE_SIZE } from './types';

export interface HttpRequest {
  method: string;
  path: string;
  query: Record<string, string | undefined>;
  body?: string;
  /** Who signed the request (IAM ARN), or the local server's registrant. */
  principal?: string;
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export type RegistryApi = Pick<AgentRegistry, 'register' | 'get' | 'discover' | 'list' | 'heartbeat' | 'deregister'>;

export interface HandlerOptions {
  /** 'read' refuses register/heartbeat/deregister (the read URL's deployment). Default 'all'. */
  mode?: 'read' | 'write' | 'all';
  log?: (message: string) => void;
}

const json = (statusCode: number, body: unknown, extra: Record<string, string> = {}): HttpResponse => ({
  statusCode,
  headers: {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extra,
  },
  body: JSON.stringify(body),
});

const errorBody = (
  statusCode: number,
  code: string,
  message: string,
  more: { field?: string; reason?: string } = {},
  extra?: Record<string, string>,
) => json(statusCode, { error: { code, message, ...more } }, extra);

type Route = { name: 'register' | 'agents' | 'agent' | 'card' | 'heartbeat'; id?: string };

function route(path: string): Route | undefined {
  const parts = path.replace(/\/+$/, '').split('/').filter(Boolean);
  if (parts[0] !== 'agents') return undefined;
  if (parts.length === 1) return { name: 'agents' };
  if (parts.length === 2 && parts[1] === 'register') return { name: 'register' };
  let id: string;
  try {
    id = decodeURIComponent(parts[1]);
  } catch {
    id = parts[1];
  }
  if (parts.length === 2) return { name: 'agent', id };
  if (parts.length === 3 && parts[2] === 'card') return { name: 'card', id };
  if (parts.length === 3 && parts[2] === 'heartbeat') return { name: 'heartbeat', id };
  return undefined;
}

const ALLOWED: Record<Route['name'], string[]> = {
  register: ['POST'],
  agents: ['GET'],
  agent: ['GET', 'DELETE'],
  card: ['GET'],
  heartbeat: ['POST'],
};

export function createRegistryHandler(
  registry: RegistryApi,
  options: HandlerOptions = {},
): (req: HttpRequest) => Promise<HttpResponse> {
  const mode = options.mode ?? 'all';
  return async (req) => {
    const r = route(req.path);
    if (!r)
      return errorBody(
        404,
        'NotFound',
        `There is no ${req.path} here. The registry serves /agents, /agents/register and /agents/{id}.`,
      );
    const method = req.method.toUpperCase();
    const allowed = ALLOWED[r.name].filter((m) =>
      mode === 'read' ? m === 'GET' : mode === 'write' ? m !== 'GET' : true,
    );
    if (!allowed.includes(method)) {
      const why =
        mode === 'read' && ALLOWED[r.name].includes(method)
          ? ' This deployment is read-only: register and deregister through the write URL.'
          : '';
      return errorBody(
        405,
        'MethodNotAllowed',
        `${method} is not accepted on ${req.path}.${why}`,
        {},
        { allow: allowed.join(', ') || 'none' },
      );
    }
    const write = method !== 'GET';
    if (write && !req.principal) {
      return errorBody(
        401,
        'NoCallerIdentity',
        'This request carries no caller identity, so it cannot register or change an agent. ' +
          'Sign it with AWS credentials (SigV4).',
      );
    }
    try {
      return await dispatch(registry, r, method, req);
    } catch (err) {
      if (isRegistryError(err))
        return errorBody(err.status, err.code, err.message, { field: err.details.field, reason: err.details.reason });
      const message = isAgentifyError(err)
        ? err.message
        : `The registry failed: ${err instanceof Error ? err.message : String(err)}`;
      options.log?.(
        `registry ${method} ${req.path} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      return errorBody(500, 'InternalError', message);
    }
  };
}

async function dispatch(registry: RegistryApi, r: Route, method: string, req: HttpRequest): Promise<HttpResponse> {
  const owner = req.principal ?? '';
  switch (r.name) {
    case 'register': {
      const body = parseBody(req.body);
      const { created, agent } = await registry.register(body.profile, owner);
      return json(created ? 201 : 200, { created, agent });
    }
    case 'agents': {
      const { capability, limit, cursor } = req.query;
      if (capability !== undefined) return json(200, { agents: await registry.discover(capability) });
      return json(200, await registry.list({ limit: parseLimit(limit), cursor: cursor || undefined }));
    }
    case 'agent': {
      if (method === 'DELETE') {
        if (!(await registry.deregister(r.id!, owner))) throw notFound(r.id!);
        return json(200, { deregistered: true, id: r.id });
      }
      const agent = await registry.get(r.id!);
      if (!agent) throw notFound(r.id!);
      return json(200, { agent });
    }
    case 'card': {
      const agent = await registry.get(r.id!);
      if (!agent) throw notFound(r.id!);
      return json(200, toAgentCard(agent));
    }
    case 'heartbeat': {
      const agent = await registry.heartbeat(r.id!, owner);
      if (!agent) throw notFound(r.id!);
      return json(200, { agent });
    }
  }
}

function parseBody(body: string | undefined): { profile?: unknown } {
  if (body === undefined || body.trim() === '') throw invalid('body', 'is empty; send {"profile": {...}}');
  if (Buffer.byteLength(body, 'utf8') > LIMITS.body)
    throw new RegistryError('InvalidInput', `The request body is larger than ${LIMITS.body} bytes.`, {
      field: 'body',
      reason: 'too large',
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw invalid('body', 'is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw invalid('body', 'must be a JSON object {"profile": {...}}');
  if (!('profile' in parsed)) throw invalid('profile', 'is required');
  return parsed as { profile?: unknown };
}

function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE)
    throw invalid('limit', `must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  return n;
}

const notFound = (id: string) => new RegistryError('NotFound', `No agent "${id}" is registered.`);
