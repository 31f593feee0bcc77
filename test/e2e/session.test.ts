/**
 * End to end, in a real VS Code host with the packaged extension installed: "Agentify: Start
 * Session" with no state machine ARN runs the session pipeline offline — the state machine in the
 * extension host, the journal on DynamoDB Local, the real Python invoker, and the stand-in agent
 * runtime running the workspace's AgentCore app (the sample's agents/agentcore_app.py). The Demo
 * Viewer shows the four stages succeed next to the agents the session ran, and the journal table
 * holds every stage; "Agentify: Open Session" shows the same session again by id. A session whose
 * agent fails in its entrypoint ends its run with that failure.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillInputBox, runCommand } from '../../scripts/vscode-host/workbench.mjs';
import { writeWorkspaceSettings } from '../../scripts/vscode-host/workspace.mjs';
import { JournalReader } from '../../src/journal/journalReader';
import { ensureJournalTable } from '../../src/journal/journalTable';
import { LOCAL_REGION } from '../../src/localDb/localDynamoDb';
import { createLocalTable, LocalTable, REPO_ROOT, uniqueTableName } from '../support/localTable';
import { SAMPLE_AGENTS } from './support/sampleRun';
import { E2eSession, keepEvidenceOnFailure, readViewer, startSession, waitForViewer } from './support/session';
import { dynamoDbClient } from '../../src/aws/clientFactory';

const PROMPT = 'Compare two embedded vector stores for a laptop demo';
const BROKEN = 'the agent has no model configured';
const JOURNAL = uniqueTableName('agentify-e2e-journal');

let table: LocalTable;
let session: E2eSession;

beforeAll(async () => {
  table = await createLocalTable('agentify-e2e-session');
  // The extension creates the journal table itself; made here too so the test can read it whatever the order.
  await ensureJournalTable(await dynamoDbClient(table.factory), JOURNAL, REPO_ROOT);
  session = await startSession({
    name: 'session-offline',
    workspaceSettings: {
      'agentify.dynamodb.endpoint': table.endpoint,
      'agentify.dynamodb.tableName': table.tableName,
      'agentify.aws.region': LOCAL_REGION,
      'agentify.journal.tableName': JOURNAL,
      'agentify.journal.stateMachineArn': '',
    },
    env: { RESEARCH_TEAM_DELAY_SCALE: '0.2' },
  });
});

afterAll(async () => {
  await session?.stop();
  table?.factory.dispose();
});

keepEvidenceOnFailure('session-offline', () => session);

interface StripSnapshot {
  sessionId: string;
  outcome: string;
  mode: string;
  stages: { id: string; state: string }[];
}

/** The strip as the page shows it at one instant (one read: a re-render between reads cannot mix two states). */
async function readStrip(frame: import('playwright-core').Frame): Promise<StripSnapshot> {
  return frame.evaluate(() => {
    const text = (id: string) => (document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '').trim();
    return {
      sessionId: text('session-id'),
      outcome: text('session-outcome'),
      mode: text('session-mode'),
      stages: [...document.querySelectorAll('[data-testid="session-stage"]')].map((e) => ({
        id: e.getAttribute('data-stage') ?? '',
        state: e.getAttribute('data-state') ?? '',
      })),
    };
  });
}

describe('Start Session offline from the command palette', () => {
  let sessionId = '';

  it('runs the pipeline offline and shows every stage succeed next to the session agents', async () => {
    await session.shot('workbench');
    await runCommand(session.page, 'Agentify: Start Session');
    await fillInputBox(session.page, PROMPT);
    const strip = await waitForViewer(
      session.page,
      'the session to succeed',
      async (frame) => {
        const s = await readStrip(frame);
        return s.outcome === 'Succeeded' && s.sessionId ? s : undefined;
      },
      180_000,
    );
    await session.shot('session-succeeded');
    expect(strip.mode).toBe('offline');
    expect(strip.stages).toEqual([
      { id: 'session', state: 'succeeded' },
      { id: 'invocation', state: 'succeeded' },
      { id: 'entrypoint', state: 'succeeded' },
      { id: 'task', state: 'succeeded' },
    ]);
    sessionId = strip.sessionId;
    expect(sessionId).toMatch(/^session-[0-9a-f-]{36}$/);

    // The agents the session ran show as a local run's do.
    const shown = await waitForViewer(session.page, 'the session agents', async (frame) => {
      const snap = await readViewer(frame);
      return SAMPLE_AGENTS.every((a) => snap.agents.includes(a)) ? snap : undefined;
    });
    expect(shown.tools).toEqual(expect.arrayContaining(['web_search', 'read_source']));

    const reader = new JournalReader({ clients: table.factory, tableName: () => JOURNAL, region: () => LOCAL_REGION });
    const statuses = (await reader.read(sessionId)).map((i) => i.Status);
    expect(statuses[0]).toBe('SESSION_INITIATED');
    expect(new Set(statuses)).toEqual(
      new Set([
        'SESSION_INITIATED',
        'AGENT_INVOCATION_STARTED',
        'AGENT_INVOCATION_SUCCEEDED',
        'AGENT_ENTRYPOINT_STARTED',
        'AGENT_BACKGROUND_TASK_STARTED',
        'AGENT_BACKGROUND_TASK_COMPLETED',
      ]),
    );
  });

  it('opens the same session again by id', async () => {
    expect(sessionId).not.toBe('');
    await runCommand(session.page, 'Agentify: Open Session');
    await fillInputBox(session.page, sessionId);
    const strip = await waitForViewer(session.page, 'the reopened session', async (frame) => {
      const s = await readStrip(frame);
      return s.sessionId === sessionId && s.outcome === 'Succeeded' ? s : undefined;
    });
    await session.shot('session-reopened');
    expect(strip.stages.every((s) => s.state === 'succeeded')).toBe(true);
  });

  it('ends the run with the session’s failure when the agent fails before any workflow event', async () => {
    // An AgentCore app whose entrypoint raises: the session fails before the agent's workflow starts.
    writeFileSync(
      path.join(session.workspace, 'agents', 'broken_app.py'),
      'from agentify import journal\n\n\n@journal.entrypoint\ndef invoke(payload, context=None):\n' +
        `    raise RuntimeError("${BROKEN}")\n`,
    );
    writeWorkspaceSettings(session.workspace, { 'agentify.journal.offlineAgent': 'agents/broken_app.py' });
    await runCommand(session.page, 'Agentify: Start Session');
    await fillInputBox(session.page, PROMPT);
    const ended = await waitForViewer(session.page, 'the failed session’s run to end', async (frame) => {
      const [strip, viewer] = [await readStrip(frame), await readViewer(frame)];
      return strip.outcome === 'Failed' && /Failed/.test(viewer.status) ? { strip, viewer } : undefined;
    });
    await session.shot('session-entrypoint-failed');
    expect(ended.strip.stages.find((s) => s.id === 'entrypoint')?.state).toBe('failed');
    // The session's own message, not the "trace incomplete" of a run that went quiet.
    expect(ended.viewer.outcome).toContain(`RuntimeError: ${BROKEN}`);
    expect(ended.viewer.outcome).not.toContain('No span of this run arrived');
  });
});
