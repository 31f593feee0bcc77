/**
 * "Send to an OTLP endpoint": posts a run's traces to a collector or an observability tool
 * (Langfuse, Phoenix, Jaeger, another Agentify) over OTLP/HTTP with protobuf, the encoding every
 * OTLP receiver must accept, and reads the answer's partial_success. No editor code here.
 */
import { AgentifyError } from '../common/errors';
import type { AgentifyEvent } from '../events/types';
import { ExportTraceServiceRequest, ExportTraceServiceResponse } from '../otlp/otlpProto';
import { OtlpTraces, toOtlpTraces } from './otlp';

export interface SendResult {
  spans: number;
  rejectedSpans: number;
  message?: string;
}

export interface SendOptions {
  /** Extra headers (an API key for a hosted tool). */
  headers?: Record<string, string>;
  /** Gives up after this long. Default 15000 ms. */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

const bytes = (hex: string | undefined) => (hex ? Buffer.from(hex, 'hex') : undefined);

/** The OTLP/JSON document as a protobuf body: ids back to bytes, everything else as protobufjs reads it. */
export function encodeOtlpProtobuf(traces: OtlpTraces): Uint8Array {
  const request = {
    resourceSpans: traces.resourceSpans.map((rs) => ({
      resource: rs.resource,
      scopeSpans: rs.scopeSpans.map((ss) => ({
        scope: ss.scope,
        spans: ss.spans.map((s) => ({
          ...s,
          traceId: bytes(s.traceId),
          spanId: bytes(s.spanId),
          parentSpanId: bytes(s.parentSpanId),
        })),
      })),
    })),
  };
  return ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject(request)).finish();
}

/** The traces URL for what the user typed: a base URL gets /v1/traces, as OTEL_EXPORTER_OTLP_ENDPOINT does. */
export function tracesUrl(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint.trim());
  } catch {
    throw new AgentifyError(
      `"${endpoint}" is not a URL. Set agentify.otlp.exportEndpoint to e.g. http://localhost:4318.`,
      {
        code: 'Unknown',
        hint: 'Set agentify.otlp.exportEndpoint to an http(s) URL.',
      },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AgentifyError(
      `OTLP/HTTP needs an http or https URL, not ${url.protocol}. Change agentify.otlp.exportEndpoint.`,
      {
        code: 'Unknown',
      },
    );
  }
  if (!url.pathname.endsWith('/v1/traces')) url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/traces`;
  return url;
}

export async function sendRunToOtlp(
  endpoint: string,
  workflowId: string,
  events: readonly AgentifyEvent[],
  options: SendOptions = {},
): Promise<SendResult> {
  const url = tracesUrl(endpoint);
  const traces = toOtlpTraces(workflowId, events);
  const spans = traces.resourceSpans.reduce((n, rs) => n + rs.scopeSpans.reduce((m, ss) => m + ss.spans.length, 0), 0);
  const body = encodeOtlpProtobuf(traces);
  let response: Response;
  try {
    response = await (options.fetchImpl ?? fetch)(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-protobuf', ...options.headers },
      body: Buffer.from(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (err) {
    throw new AgentifyError(
      `The run could not be sent to ${url.origin}: ${(err as Error).message}. ` +
        'Check the endpoint runs and the URL in agentify.otlp.exportEndpoint.',
      {
        code: 'EndpointUnreachable',
        cause: err,
      },
    );
  }
  const answer = new Uint8Array(await response.arrayBuffer());
  if (!response.ok) {
    const detail = Buffer.from(answer).toString('utf8').slice(0, 300).trim();
    throw new AgentifyError(
      `${url.href} refused the run (HTTP ${response.status}${detail ? `: ${detail}` : ''}). ` +
        'Check the URL and any API key the tool needs.',
      {
        code: 'Unknown',
      },
    );
  }
  const partial = readPartialSuccess(answer, response.headers.get('content-type') ?? '');
  return { spans, ...partial };
}

function readPartialSuccess(answer: Uint8Array, contentType: string): { rejectedSpans: number; message?: string } {
  try {
    if (contentType.includes('json')) {
      const doc = JSON.parse(Buffer.from(answer).toString('utf8') || '{}') as {
        partialSuccess?: { rejectedSpans?: string | number; errorMessage?: string };
      };
      return {
        rejectedSpans: Number(doc.partialSuccess?.rejectedSpans ?? 0),
        message: doc.partialSuccess?.errorMessage || undefined,
      };
    }
    const decoded = ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.decode(answer), {
      longs: Number,
    }) as {
      partialSuccess?: { rejectedSpans?: number; errorMessage?: string };
    };
    return {
      rejectedSpans: decoded.partialSuccess?.rejectedSpans ?? 0,
      message: decoded.partialSuccess?.errorMessage || undefined,
    };
  } catch {
    // A 2xx with a body we cannot read still means the spans were taken.
    return { rejectedSpans: 0 };
  }
}
