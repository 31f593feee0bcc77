/**
 * Round trip: a real decorated Python run (its stdout events), exported by "Send to an OTLP
 * endpoint" (OTLP/HTTP protobuf) to the receiver on 127.0.0.1, comes back as the same run: the
 * same workflow id, agents, tools and their statuses, models, tokens, inputs, outputs and outcome.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentifyEvent } from '../../../src/events/types';
import { buildSpans } from '../../../src/domain/spans';
import { sendRunToOtlp } from '../../../src/export/sendOtlp';
import { Harness, merged, runSummary, startHarness } from './receiverHarness';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function decoratedRun(workflowId: string): Promise<AgentifyEvent[]> {
  const { stdout } = await run('python3', [path.join(__dirname, 'fixtures/round_trip.py')], {
    env: {
      ...process.env,
      AGENTIFY_WORKFLOW_ID: workflowId,
      PYTHONPATH: path.join(ROOT, 'python-decorators'),
      AGENTIFY_TABLE_NAME: '',
    },
    timeout: 30_000,
    maxBuffer: 4 * 1024 * 1024,
  });
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{"agentify"'))
    .map((line) => (JSON.parse(line) as { event: AgentifyEvent }).event);
}

/** Each span's meaning without ids or times, for comparing two runs. */
const shape = (events: readonly AgentifyEvent[]) =>
  [...buildSpans(events).spans.values()]
    .map((s) => ({
      kind: s.kind,
      name: s.name,
      agent: s.agent,
      status: s.status,
      model: s.model,
      in: s.inputTokens,
      out: s.outputTokens,
      input: s.input,
      output: s.output,
      error: s.error?.type,
    }))
    .sort((a, b) => `${a.kind}${a.name}`.localeCompare(`${b.kind}${b.name}`));

describe('OTLP round trip', () => {
  it('gives back the same run after export → receiver', async () => {
    h = await startHarness();
    const original = await decoratedRun('wf-round-trip');
    expect(original.length).toBeGreaterThanOrEqual(12);
    const sent = await sendRunToOtlp(h.url, 'wf-round-trip', original);
    expect(sent).toEqual({ spans: 7, rejectedSpans: 0 });
    await h.waitFor(() => h!.events().some((e) => e.event_type === 'workflow_complete'), 'the run to come back');
    expect(h.workflowIds()).toEqual(['wf-round-trip']);
    const back = merged(h.events());
    expect(runSummary(back)).toEqual(runSummary(original));
    expect(runSummary(back)).toMatchObject({
      agents: ['researcher', 'writer'],
      tools: ['publish:error', 'search:ok'],
      inputTokens: 420,
      outputTokens: 120,
      status: 'completed',
      result: '# Report on VECTOR DATABASES',
    });
    expect(shape(back)).toEqual(shape(original));
  });
});
