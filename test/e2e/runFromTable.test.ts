/**
 * End to end with `agentify.workflow.stdoutEvents: false`: the extension runs the workflow with
 * AGENTIFY_STDOUT=0, so the producer writes events only to the table, and everything the Demo
 * Viewer shows has come through the DynamoDB poller.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillInputBox, runCommand } from '../../scripts/vscode-host/workbench.mjs';
import { LOCAL_REGION } from '../../src/localDb/localDynamoDb';
import { createLocalTable, LocalTable } from '../support/localTable';
import { E2eSession, keepEvidenceOnFailure, startSession, waitForCompletedRun } from './support/session';
import { storedEvents } from './support/table';

const AGENTS = ['planner', 'researcher', 'writer'];
const PROMPT = 'Summarise the trade-offs of event sourcing';

describe('Run Workflow with events from the table only', () => {
  let table: LocalTable;
  let session: E2eSession | undefined;

  beforeAll(async () => {
    table = await createLocalTable('agentify-e2e-table');
    session = await startSession({
      name: 'run-table',
      workspaceSettings: {
        'agentify.dynamodb.endpoint': table.endpoint,
        'agentify.dynamodb.tableName': table.tableName,
        'agentify.aws.region': LOCAL_REGION,
        'agentify.workflow.stdoutEvents': false,
      },
    });
  });

  afterAll(async () => {
    await session?.stop();
    table?.factory.dispose();
  });

  keepEvidenceOnFailure('run-table', () => session);

  it('shows the run in the Demo Viewer from the table alone', async () => {
    const s = session!;
    await s.shot('workbench');
    await runCommand(s.page, 'Agentify: Run Workflow');
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

    const stored = await storedEvents(table);
    expect(stored.map((e) => e.eventType)).toEqual(expect.arrayContaining(['workflow_start', 'tool_call', 'workflow_complete']));
    // Every event type the viewer shows is one the table holds: it had no other source.
    expect(stored.map((e) => e.eventType)).toEqual(expect.arrayContaining([...new Set(shown.eventTypes)]));
  });
});
