/**
 * End to end, in a real VS Code host with the packaged extension: a prompt with the word "slow"
 * makes the sample workflow run for about half a minute; Stop in the Demo Viewer ends it, the
 * viewer says Stopped (never Completed), the history lists the run as stopped, and the table
 * holds no terminal event written by the workflow.
 */
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../scripts/vscode-host/workbench.mjs';
import { demoViewer, readViewer, waitForViewer } from './support/session';
import { useSampleRunSession } from './support/sampleRun';
import { storedEvents } from './support/table';

const PROMPT = 'A slow run of the research team, to be stopped';

describe('Stop a slow run from the Demo Viewer', () => {
  const sample = useSampleRunSession('stop-slow', { stdoutEvents: true });

  it('runs the sample slowly from the viewer, stops it with Stop, and shows it as stopped', async () => {
    const s = sample.session;
    await runCommand(s.page, 'Agentify: Open Demo Viewer');
    const frame = await demoViewer(s.page);
    await frame.fill('[data-testid="prompt-input"]', PROMPT);
    await frame.click('[data-testid="run-button"]');

    // Running, and already past the planner: the slow mode stretches every step.
    await waitForViewer(s.page, 'the slow run to be running with its first agent', async (f) => {
      const snap = await readViewer(f);
      return /Running/.test(snap.status) && snap.eventTypes.includes('agent_start') ? snap : undefined;
    });
    await s.shot('slow-running');
    await (await demoViewer(s.page)).click('[data-testid="stop-button"]');

    const stopped = await waitForViewer(
      s.page,
      'the run to show as stopped',
      async (f) => {
        const snap = await readViewer(f);
        return /Stopped/.test(snap.status) ? snap : undefined;
      },
      60_000,
    );
    await s.shot('slow-stopped');
    expect(stopped.status).not.toContain('Completed');
    expect(stopped.eventTypes).not.toContain('workflow_complete');
    const history = await waitForViewer(
      s.page,
      'the history to list the stopped run',
      async (f) => {
        const entries = await f
          .locator('[data-testid="history-entry"] .history-item')
          .evaluateAll((els) => els.map((e) => e.querySelector('[role="img"]')?.getAttribute('aria-label') ?? ''));
        return entries[0] === 'stopped' ? entries : undefined;
      },
      30_000,
    );
    expect(history[0]).toBe('stopped');

    // The workflow never wrote its own end: it was stopped before the writer finished.
    const stored = await storedEvents(sample.table);
    expect(stored.map((e) => e.eventType)).toContain('workflow_start');
    expect(stored.map((e) => e.eventType)).not.toContain('workflow_complete');
  });
});
