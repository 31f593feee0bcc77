/**
 * STAND-IN for Amazon Bedrock AgentCore's InvokeAgentRuntime, on 127.0.0.1 only, for the offline
 * pipeline (the service cannot be reached without an AWS account). It answers the REST call boto3
 * makes, POST /runtimes/{agentRuntimeArn}/invocations with the session in
 * X-Amzn-Bedrock-AgentCore-Runtime-Session-Id, by running the hosted agent's entrypoint once in a
 * Python process (agentify.journal.local_runtime). It answers as soon as the entrypoint returns;
 * the process lives on while the agent's background task runs, as a runtime session does, and
 * stop() ends every one of them. Errors are shaped as the service shapes them (X-Amzn-ErrorType).
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runPython, PythonRun } from './pythonProcess';

export const RUNTIME_RESPONSE_MARKER = 'AGENTIFY_RUNTIME_RESPONSE ';
export const RUNTIME_ERROR_MARKER = 'AGENTIFY_RUNTIME_ERROR ';
const SESSION_HEADER = 'x-amzn-bedrock-agentcore-runtime-session-id';
const MAX_BODY = 1_000_000;

export interface HostedAgent {
  /** `path/to/app.py:function` (default function `invoke`), run by agentify.journal.local_runtime. */
  app: string;
  cwd?: string;
  /** Added to the runtime process's environment (e.g. the sample's RESEARCH_TEAM_DELAY_SCALE). */
  env?: NodeJS.ProcessEnv;
}

export interface AgentRuntimeStandInOptions {
  python: string;
  /** Base environment of every runtime process (pipelineEnv()). */
  env: NodeJS.ProcessEnv;
  /** Runtime ARN → the agent it runs. */
  agents: Record<string, HostedAgent>;
  log?: (line: string) => void;
  /** The runtime processes' other stdout lines (the agent's Agentify events). */
  onLine?: (line: string) => void;
}

export class AgentRuntimeStandIn {
  private readonly runs = new Set<PythonRun>();
  /** Every invocation received, for tests and the output log. */
  readonly invocations: { arn: string; sessionId: string | undefined; payload: unknown }[] = [];

  private readonly server: Server;
  private url = '';

  private constructor(private readonly options: AgentRuntimeStandInOptions) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(options: AgentRuntimeStandInOptions): Promise<AgentRuntimeStandIn> {
    const standIn = new AgentRuntimeStandIn(options);
    await new Promise<void>((resolve, reject) => {
      standIn.server.once('error', reject);
      standIn.server.listen(0, '127.0.0.1', () => resolve());
    });
    standIn.url = `http://127.0.0.1:${(standIn.server.address() as AddressInfo).port}`;
    return standIn;
  }

  /** The endpoint to give boto3 (AGENTIFY_AGENTCORE_ENDPOINT). */
  get endpoint(): string {
    return this.url;
  }

  /** Resolves when every runtime process started so far has exited. */
  async idle(): Promise<void> {
    await Promise.all([...this.runs].map((r) => r.exited));
  }

  async stop(): Promise<void> {
    for (const run of this.runs) run.kill();
    await this.idle();
    this.server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/runtimes\/([^/]+)\/invocations$/.exec(url.pathname);
    if (req.method !== 'POST' || !match)
      return error(
        res,
        404,
        'UnknownOperationException',
        `The stand-in only answers InvokeAgentRuntime, not ${req.method} ${url.pathname}.`,
      );
    const arn = decodeURIComponent(match[1]);
    const sessionId = headerValue(req.headers[SESSION_HEADER]);
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      return error(res, 413, 'ValidationException', `The payload is larger than ${MAX_BODY} bytes.`);
    }
    let payload: unknown;
    try {
      payload = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      return error(res, 400, 'ValidationException', 'The payload is not JSON.');
    }
    this.invocations.push({ arn, sessionId, payload });
    const agent = this.options.agents[arn];
    if (!agent)
      return error(
        res,
        404,
        'ResourceNotFoundException',
        `No agent runtime ${arn} is hosted here ` +
          `(the offline stand-in hosts ${Object.keys(this.options.agents).join(', ') || 'none'}).`,
      );
    if (!sessionId || sessionId.length < 33)
      return error(res, 400, 'ValidationException', 'runtimeSessionId must be 33 to 256 characters.');
    this.options.log?.(`agent runtime stand-in: session ${sessionId} → ${agent.app}`);
    this.invoke(agent, sessionId, payload, res);
  }

  private invoke(agent: HostedAgent, sessionId: string, payload: unknown, res: ServerResponse): void {
    let answered = false;
    const answer = (status: number, value: unknown, errorType?: string) => {
      if (answered) return;
      answered = true;
      if (errorType)
        return error(res, status, errorType, String((value as { errorMessage?: string }).errorMessage ?? value));
      const text = JSON.stringify(value);
      res.writeHead(200, {
        'content-type': 'application/json',
        'x-amzn-bedrock-agentcore-runtime-session-id': sessionId,
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    };
    const run = runPython({
      python: this.options.python,
      args: ['-m', 'agentify.journal.local_runtime', agent.app],
      cwd: agent.cwd,
      env: { ...this.options.env, ...agent.env, AGENTIFY_SESSION_ID: sessionId },
      input: payload,
      markers: [RUNTIME_RESPONSE_MARKER, RUNTIME_ERROR_MARKER],
      onLine: this.options.onLine,
      onMarker: (marker, value) =>
        marker === RUNTIME_RESPONSE_MARKER ? answer(200, value) : answer(500, value, 'RuntimeClientError'),
    });
    this.runs.add(run);
    void run.exited.then((exit) => {
      this.runs.delete(run);
      if (exit.code !== 0 && exit.stderr.trim())
        this.options.log?.(
          `agent runtime stand-in: session ${sessionId} exited ${exit.code ?? exit.signal}: ` +
            exit.stderr.trim().slice(-1000),
        );
      answer(
        500,
        {
          errorMessage:
            `The agent process exited (${exit.code ?? exit.signal}) before its entrypoint answered: ` +
            exit.stderr.trim().slice(-500),
        },
        'RuntimeClientError',
      );
    });
  }
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function error(res: ServerResponse, status: number, type: string, message: string): void {
  const text = JSON.stringify({ message });
  res.writeHead(status, {
    'content-type': 'application/json',
    'x-amzn-errortype': type,
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
