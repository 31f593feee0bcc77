/**
 * End to end with `agentify.workflow.stdoutEvents: false`: the extension runs the workflow with
 * AGENTIFY_STDOUT=0, so the producer writes events only to the table, and everything the Demo
 * Viewer shows has come through the DynamoDB poller.
 */
import { describe, expect, it } from 'vitest';
import { runSampleFromPalette, useSampleRunSession } from './support/sampleRun';
import { storedRun } from './support/table';

const PROMPT = 'Summarise the trade-offs of event sourcing';

describe('Run Workflow with events from the table only', () => {
  const sample = useSampleRunSession('run-table', { stdoutEvents: false });

  it('shows the run in the Demo Viewer from the table alone', async () => {
    const shown = await runSampleFromPalette(sample.session, PROMPT);

    const stored = await storedRun(sample.table);
    expect(stored.map((e) => e.eventType)).toEqual(
      expect.arrayContaining(['workflow_start', 'tool_call', 'workflow_complete']),
    );
    // Every event type the viewer shows is one the table holds: it had no other source.
    expect(stored.map((e) => e.eventType)).toEqual(expect.arrayContaining([...new Set(shown.eventTypes)]));
  });
});
