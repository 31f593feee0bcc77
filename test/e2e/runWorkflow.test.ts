/**
 * End to end, in a real VS Code host with the packaged extension installed: "Agentify: Run
 * Workflow" runs the sample workflow (examples/research-team) against a local DynamoDB table with
 * events read from stdout as well as the table, the Demo Viewer shows its agents, tool calls and
 * result, and after "Developer: Reload Window" the viewer comes back showing the run.
 */
import { describe, expect, it } from 'vitest';
import { runCommand, waitForWorkbench } from '../../scripts/vscode-host/workbench.mjs';
import { readViewer, waitForViewer } from './support/session';
import { SAMPLE_AGENTS as AGENTS, runSampleFromPalette, useSampleRunSession } from './support/sampleRun';
import { storedRun } from './support/table';

const PROMPT = 'Compare two embedded vector stores for a laptop demo';

describe('Run Workflow with events from stdout and the table', () => {
  const sample = useSampleRunSession('run-stdout', { stdoutEvents: true });

  it('runs the sample from the palette; the Demo Viewer shows its agents, tool calls and result', async () => {
    await runSampleFromPalette(sample.session, PROMPT);

    // The producer also wrote the run to the table.
    const stored = await storedRun(sample.table);
    expect(new Set(stored.map((e) => e.workflowId)).size).toBe(1);
    expect(stored.map((e) => e.eventType)).toEqual(
      expect.arrayContaining(['workflow_start', 'tool_call', 'workflow_complete']),
    );
    expect(stored.map((e) => e.agentName)).toEqual(expect.arrayContaining(AGENTS));
  });

  it('brings the Demo Viewer back with the run after "Developer: Reload Window"', async () => {
    const s = sample.session;
    await Promise.all([
      s.page.waitForEvent('load', { timeout: 60_000 }),
      runCommand(s.page, 'Developer: Reload Window'),
    ]);
    await waitForWorkbench(s.page);
    const shown = await waitForViewer(s.page, 'the restored viewer to show the run', async (frame) => {
      const snap = await readViewer(frame);
      // The restored panel refetches the run: wait until all of it is back, not just its first part.
      return AGENTS.every((a) => snap.agents.includes(a)) &&
        /Completed/.test(snap.status) &&
        snap.outcome.includes(PROMPT)
        ? snap
        : undefined;
    });
    await s.shot('after-reload');
    expect(shown.agents).toEqual(expect.arrayContaining(AGENTS));
    expect(shown.status).toContain('Completed');
    expect(shown.outcome).toContain(PROMPT);
  });
});
