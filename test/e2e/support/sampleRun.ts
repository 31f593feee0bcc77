/**
 * What the end-to-end files that run the sample workflow share: a session on a fresh local table
 * (started before the file's tests, stopped after), and a run from the command palette checked
 * in the Demo Viewer — the sample's agents, tool calls, event types and report.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { fillInputBox, runCommand } from '../../../scripts/vscode-host/workbench.mjs';
import { LOCAL_REGION } from '../../../src/localDb/localDynamoDb';
import { createLocalTable, LocalTable } from '../../support/localTable';
import { E2eSession, keepEvidenceOnFailure, startSession, ViewerSnapshot, waitForCompletedRun } from './session';

export const SAMPLE_AGENTS = ['planner', 'researcher', 'writer'];

export interface SampleRunSession {
  readonly session: E2eSession;
  readonly table: LocalTable;
}

/** Registers the file's beforeAll/afterAll: a table of its own and a host whose workspace points at it. */
export function useSampleRunSession(name: string, options: { stdoutEvents: boolean }): SampleRunSession {
  let table: LocalTable | undefined;
  let session: E2eSession | undefined;
  beforeAll(async () => {
    table = await createLocalTable(`agentify-e2e-${name}`);
    session = await startSession({
      name,
      workspaceSettings: {
        'agentify.dynamodb.endpoint': table.endpoint,
        'agentify.dynamodb.tableName': table.tableName,
        'agentify.aws.region': LOCAL_REGION,
        'agentify.workflow.stdoutEvents': options.stdoutEvents,
      },
    });
  });
  afterAll(async () => {
    await session?.stop();
    table?.factory.dispose();
  });
  keepEvidenceOnFailure(name, () => session);
  return {
    get session() {
      if (!session) throw new Error('the end-to-end session did not start (see beforeAll)');
      return session;
    },
    get table() {
      if (!table) throw new Error('the local table was not created (see beforeAll)');
      return table;
    },
  };
}

/** Runs the sample with `prompt` from the palette and checks the Demo Viewer shows all of the run. */
export async function runSampleFromPalette(s: E2eSession, prompt: string): Promise<ViewerSnapshot> {
  await s.shot('workbench');
  await runCommand(s.page, 'Agentify: Run Workflow');
  await s.shot('prompt');
  await fillInputBox(s.page, prompt);
  const eventTypes = ['workflow_start', 'agent_start', 'tool_call', 'workflow_complete'];
  const shown = await waitForCompletedRun(s.page, { agents: SAMPLE_AGENTS, outcomeContains: [prompt], eventTypes });
  await s.shot('run-completed');

  expect(shown.status, `the viewer shows: ${shown.error || shown.outcome}`).toContain('Completed');
  expect(shown.error).toBe('');
  expect(shown.agents).toEqual(expect.arrayContaining(SAMPLE_AGENTS));
  expect(shown.tools.length).toBeGreaterThan(0);
  expect(shown.eventTypes).toEqual(expect.arrayContaining(eventTypes));
  // The sample's report, which restates the prompt it answers.
  expect(shown.outcome).toContain('Research brief');
  expect(shown.outcome).toContain(prompt);
  return shown;
}
