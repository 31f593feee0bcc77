/**
 * End to end, in a real VS Code host with the packaged extension installed: "Agentify: Run
 * Workflow" runs the sample workflow (examples/research-team) against a local DynamoDB table with
 * events read from stdout as well as the table, the Demo Viewer shows its agents, tool calls and
 * result, and after "Developer: Reload Window" the viewer comes back showing the run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillInputBox, runCommand, waitForWorkbench } from '../../scripts/vscode-host/workbench.mjs';
import { LOCAL_REGION } from '../../src/localDb/localDynamoDb';
import { createLocalTable, LocalTable } from '../support/localTable';
import { E2eSession, keepEvidenceOnFailure, readViewer, startSession, waitForCompletedRun, waitForViewer } from './support/session';
import { storedEvents } from './support/table';

const AGENTS = ['planner', 'researcher', 'writer'];
const PROMPT = 'Compare two embedded vector stores for a laptop demo';

describe('Run Workflow with events from stdout and the table', () => {
  let table: LocalTable;
  let session: E2eSession | undefined;

  beforeAll(async () => {
    table = await createLocalTable('agentify-e2e-stdout');
    session = await startSession({
      name: 'run-stdout',
      workspaceSettings: {
        'agentify.dynamodb.endpoint': table.endpoint,
        'agentify.dynamodb.tableName': table.tableName,
        'agentify.aws.region': LOCAL_REGION,
        'agentify.workflow.stdoutEvents': true,
      },
    });
  });

  afterAll(async () => {
    await session?.stop();
    table?.factory.dispose();
  });

  keepEvidenceOnFailure('run-stdout', () => session);

  it('runs the sample workflow from the palette and shows its agents, tool calls and result in the Demo Viewer', async () => {
    const s = session!;
    await s.shot('workbench');
    await runCommand(s.page, 'Agentify: Run Workflow');
    await s.shot('prompt');
    await fillInputBox(s.page, PROMPT);
    const shown = await waitForCompletedRun(s.page, { agents: AGENTS, outcomeContains: [PROMPT] });
    await s.shot('run-completed');

    expect(shown.status, `the viewer shows: ${shown.error || shown.outcome}`).toContain('Completed');
    expect(shown.error).toBe('');
    expect(shown.agents).toEqual(expect.arrayContaining(AGENTS));
    expect(shown.tools.length).toBeGreaterThan(0);
    expect(shown.eventTypes).toEqual(expect.arrayContaining(['workflow_start', 'agent_start', 'tool_call', 'workflow_complete']));
    // The sample's report, which restates the prompt it answers.
    expect(shown.outcome).toContain('Research brief');
    expect(shown.outcome).toContain(PROMPT);

    // The producer also wrote the run to the table.
    const stored = await storedEvents(table);
    expect(new Set(stored.map((e) => e.workflowId)).size).toBe(1);
    expect(stored.map((e) => e.eventType)).toEqual(expect.arrayContaining(['workflow_start', 'tool_call', 'workflow_complete']));
    expect(stored.map((e) => e.agentName)).toEqual(expect.arrayContaining(AGENTS));
  });

  it('brings the Demo Viewer back with the run after "Developer: Reload Window"', async () => {
    const s = session!;
    await Promise.all([s.page.waitForEvent('load', { timeout: 60_000 }), runCommand(s.page, 'Developer: Reload Window')]);
    await waitForWorkbench(s.page);
    const shown = await waitForViewer(s.page, 'the restored viewer to show the run', async (frame) => {
      const snap = await readViewer(frame);
      // The restored panel refetches the run: wait until all of it is back, not just its first part.
      return AGENTS.every((a) => snap.agents.includes(a)) && /Completed/.test(snap.status) && snap.outcome.includes(PROMPT) ? snap : undefined;
    });
    await s.shot('after-reload');
    expect(shown.agents).toEqual(expect.arrayContaining(AGENTS));
    expect(shown.status).toContain('Completed');
    expect(shown.outcome).toContain(PROMPT);
  });
});
