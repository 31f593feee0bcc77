/**
 * A small HTTP proxy on 127.0.0.1 between an AWS client and the local DynamoDB server that can
 * drop connections, delay requests, and answer as DynamoDB does when it throttles. The real server
 * cannot be made to throttle or hang up, so tests of retries put this in between.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = { kind: 'drop' } | { kind: 'delay'; ms: number } | { kind: 'throttle' } | { kind: 'serverError' };

export interface FaultProxy {
  url: string;
  /** The next `times` requests meet `fault`, after any already queued. */
  inject(fault: Fault, times?: number): void;
  /** Every request meets `fault` until cleared (undefined → pass through). */
  setPersistent(fault: Fault | undefined): void;
  /** Requests seen so far, and how many met a fault. */
  readonly stats: { requests: number; faulted: number };
  close(): Promise<void>;
}

const THROTTLE_BODY = JSON.stringify({
  __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
  message: 'The level of configured provisioned throughput for the table was exceeded.',
});

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const targetUrl = new URL(target);
  const queue: Fault[] = [];
  let persistent: Fault | undefined;
  const stats = { requests: 0, faulted: 0 };

  const forward = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const upstream = http.request(
      { host: targetUrl.hostname, port: targetUrl.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };

  const server = http.createServer((req, res) => {
    stats.requests++;
    const fault = queue.shift() ?? persistent;
    if (!fault) return forward(req, res);
    stats.faulted++;
    switch (fault.kind) {
      case 'drop':
        req.socket.destroy();
        return;
      case 'delay':
        setTimeout(() => forward(req, res), fault.ms);
        return;
      case 'throttle':
      case 'serverError':
        req.resume();
        req.on('end', () => {
          const body =
            fault.kind === 'throttle'
              ? THROTTLE_BODY
              : JSON.stringify({
                  __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
                  message: 'Internal server error',
                });
          res.writeHead(fault.kind === 'throttle' ? 400 : 500, {
            'content-type': 'application/x-amz-json-1.0',
            'content-length': Buffer.byteLength(body),
          });
          res.end(body);
        });
        return;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    inject(fault, times = 1) {
      for (let i = 0; i < times; i++) queue.push(fault);
    },
    setPersistent(fault) {
      persistent = fault;
    },
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
