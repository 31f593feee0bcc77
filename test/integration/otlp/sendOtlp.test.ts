/**
 * "Send to an OTLP endpoint" against real endpoints on 127.0.0.1: the receiver (accepts), the
 * receiver at a wrong path (refuses), and a port nothing listens on (unreachable). Each failure is
 * an AgentifyError whose message says what happened and what to change.
 */
import * as net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentifyEvent } from '../../../src/events/types';
import { sendRunToOtlp } from '../../../src/export/sendOtlp';
import { Harness, startHarness } from './receiverHarness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const T0 = Date.now();
const events: AgentifyEvent[] = [
  { workflow_id: 'wf-send', timestamp: T0, event_type: 'workflow_start', payload: { span_id: 'w' } },
  {
    workflow_id: 'wf-send',
    timestamp: T0 + 1,
    event_type: 'agent_start',
    agent_name: 'a',
    payload: { span_id: 'a', parent_span_id: 'w' },
  },
  {
    workflow_id: 'wf-send',
    timestamp: T0 + 2,
    event_type: 'agent_end',
    agent_name: 'a',
    payload: { span_id: 'a', status: 'completed' },
  },
  {
    workflow_id: 'wf-send',
    timestamp: T0 + 3,
    event_type: 'workflow_complete',
    payload: { span_id: 'w', status: 'completed' },
  },
];

describe('sendRunToOtlp', () => {
  it('posts protobuf to a base URL + /v1/traces and reports the spans taken', async () => {
    h = await startHarness();
    expect(await sendRunToOtlp(h.url, 'wf-send', events)).toEqual({ spans: 2, rejectedSpans: 0 });
    expect(h.workflowIds()).toEqual(['wf-send']);
  });

  it('says the endpoint refused the run, with its status and message', async () => {
    h = await startHarness();
    await expect(sendRunToOtlp(`${h.url}/collector`, 'wf-send', events)).rejects.toThrow(
      /refused the run \(HTTP 404: No OTLP endpoint at \/collector\/v1\/traces.*\)\. Check the URL/,
    );
  });

  it('says the endpoint cannot be reached and which setting to check', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(sendRunToOtlp(`http://127.0.0.1:${port}`, 'wf-send', events)).rejects.toMatchObject({
      code: 'EndpointUnreachable',
      message: expect.stringMatching(/could not be sent to http:\/\/127\.0\.0\.1:\d+.*agentify\.otlp\.exportEndpoint/),
    });
  });
});
