/**
 * The registry's HTTP handler behind a small Node server for offline use, bound to 127.0.0.1
 * only. There is no IAM here: the registrant is what the caller names in `x-agentify-registrant`
 * (default "local"), which on a single-user machine's loopback is as much as can be known; the
 * owner rules still keep one registrant from taking over another's agent.
 */
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRegistryHandler, HandlerOptions, RegistryApi } from './httpHandler';
import { LIMITS } from './types';

export const REGISTRANT_HEADER = 'x-agentify-registrant';

export interface LocalRegistryServer {
  readonly url: string;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // Read on past the limit without keeping it, so the handler can answer 400 rather than a reset.
    if (size <= LIMITS.body + 1) chunks.push(chunk as Buffer);
  }
  return size ? Buffer.concat(chunks).toString('utf8') : undefined;
}

export async function startLocalRegistryServer(
  registry: RegistryApi,
  options: HandlerOptions & { port?: number } = {},
): Promise<LocalRegistryServer> {
  const handle = createRegistryHandler(registry, options);
  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const registrant = req.headers[REGISTRANT_HEADER];
      const principal =
        typeof registrant === 'string' && registrant.trim() ? `local:${registrant.trim().slice(0, 200)}` : 'local';
      const result = await handle({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: await readBody(req),
        principal,
      });
      res.writeHead(result.statusCode, result.headers);
      res.end(result.body);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: {
            code: 'InternalError',
            message: `The local registry failed: ${err instanceof Error ? err.message : String(err)}`,
          },
        }),
      );
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
