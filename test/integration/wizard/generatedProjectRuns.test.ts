/**
 * Generated projects run for real: written to a temporary folder, started with python3 and the
 * Agentify decorators from this repository, writing to a table on the run's DynamoDB Local. Every
 * stdout event must validate against the event schema, and the same events must be in the table.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import schema from '../../../schema/event.schema.json';
import { WizardDesign } from '../../../src/protocol/ideationWizard';
import { generateProject } from '../../../src/wizard/generator/generateProject';
import { createLocalTable, LocalTable, REPO_ROOT } from '../../support/localTable';
import { LOCAL_CREDENTIALS } from '../../../src/localDb/localDynamoDb';
import { assistedDesign, hostileDesign, HOSTILE } from '../../unit/wizard/designs';

const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const dirs: string[] = [];
let table: LocalTable;

beforeAll(async () => {
  table = await createLocalTable('agentify-wizard');
});

afterAll(() => {
  table?.factory.dispose();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Event {
  workflow_id: string;
  timestamp: number;
  event_type: string;
  agent_name?: string;
  payload: Record<string, unknown>;
}

function run(design: WizardDesign, prompt: string, workflowId: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'agentify-project-'));
  dirs.push(dir);
  for (const [rel, content] of Object.entries(
    generateProject(design, { config: { tableName: table.tableName, region: 'us-east-1', endpoint: table.endpoint } }),
  )) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  const traceId = 'abcdef0123456789abcdef0123456789';
  const result = spawnSync(
    'python3',
    ['agents/main.py', '--prompt', prompt, '--workflow-id', workflowId, '--trace-id', traceId],
    {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PYTHONPATH: path.join(REPO_ROOT, 'python-decorators'),
        PYTHONIOENCODING: 'utf-8',
        AGENTIFY_TABLE_NAME: table.tableName,
        AGENTIFY_DYNAMODB_ENDPOINT: table.endpoint,
        AGENTIFY_TABLE_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
        AWS_DEFAULT_REGION: 'us-east-1',
      },
    },
  );
  // Event lines are envelopes, {"agentify": 1, "event": {...}}; anything else is the workflow's own output.
  const events = result.stdout
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l) as { agentify?: number; event?: Event })
    .filter((l) => l.agentify === 1 && l.event)
    .map((l) => l.event!);
  return { result, events, traceId };
}

async function tableEvents(workflowId: string): Promise<Event[]> {
  const doc = await table.factory.documentClient();
  const items: Event[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'workflow_id = :w AND #ts > :z',
        ExpressionAttributeNames: { '#ts': 'timestamp' },
        ExpressionAttributeValues: { ':w': workflowId, ':z': 0 },
        ExclusiveStartKey,
        ConsistentRead: true,
      }),
    );
    items.push(...((page.Items ?? []) as Event[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

function expectValidRun(events: Event[], design: WizardDesign, workflowId: string) {
  for (const e of events) expect(validate(e), `${e.event_type}: ${JSON.stringify(validate.errors)}`).toBe(true);
  expect(events.every((e) => e.workflow_id === workflowId)).toBe(true);
  const types = events.map((e) => e.event_type);
  expect(types[0]).toBe('workflow_start');
  expect(types[types.length - 1]).toBe('workflow_complete');
  // Each agent's answer is recorded as a model call and streamed.
  expect(types.filter((t) => t === 'llm_call')).toHaveLength(design.agents.length);
  expect(types).toContain('agent_stream');
  const started = events.filter((e) => e.event_type === 'agent_start').map((e) => e.agent_name);
  expect(new Set(started)).toEqual(new Set(design.agents.map((a) => a.name)));
  expectOneIdentityPerAgent(events, design.agents.length);
  const tools = events
    .filter((e) => e.event_type === 'tool_call' && e.payload.status === 'completed')
    .map((e) => e.payload['gen_ai.tool.name']);
  expect(new Set(tools)).toEqual(new Set(design.agents.flatMap((a) => a.tools.map((t) => t.name))));
  return events.find((e) => e.event_type === 'workflow_complete')!;
}

/**
 * The graph names each agent as its events do: node id = label = the events' agent_name, so a
 * viewer matching nodes and events finds exactly one agent per designed agent.
 */
function expectOneIdentityPerAgent(events: Event[], agentCount: number) {
  const graph = events.find((e) => e.event_type === 'graph_structure')!;
  const nodes = (graph.payload.nodes as { id: string; label?: string; kind?: string }[]).filter(
    (n) => n.kind === 'agent',
  );
  const fromEvents = new Set(
    events.filter((e) => e.agent_name && e.event_type.startsWith('agent_')).map((e) => e.agent_name!),
  );
  expect(nodes.map((n) => n.id)).toEqual(nodes.map((n) => n.label));
  expect(new Set(nodes.map((n) => n.id))).toEqual(fromEvents);
  expect(new Set([...nodes.map((n) => n.id), ...fromEvents]).size).toBe(agentCount);
  const ids = new Set(nodes.map((n) => n.id));
  for (const edge of graph.payload.edges as { from: string; to: string }[]) {
    for (const end of [edge.from, edge.to])
      expect(ids.has(end) || end === 'start' || end === 'end' || end.includes('/'), end).toBe(true);
  }
}

describe('a generated project', () => {
  it.each([
    ['retail', 'Resolve return requests from chat', ['Zendesk']],
    ['finance', 'Decide loan applications faster', []],
    ['telecom', 'Diagnose slow broadband', ['CRM']],
  ] as const)('runs offline, emits valid events and fills the table (%s)', async (industry, objective, systems) => {
    const design = await assistedDesign(industry, objective, [...systems]);
    const workflowId = `wf-${industry}-1`;
    const { result, events, traceId } = run(design, design.demo.prompts[0], workflowId);
    expect(result.status, result.stderr).toBe(0);
    const complete = expectValidRun(events, design, workflowId);
    expect(JSON.stringify(complete.payload.result)).toContain(design.demo.prompts[0].slice(0, 40).replace(/"/g, '\\"'));
    expect(events.some((e) => e.payload.trace_id === traceId)).toBe(true);
    // The report is Markdown, printed after the events as the sample workflow does.
    expect(complete.payload.result).toMatch(/^# .+\n\n\*\*Prompt:\*\* /);
    expect(result.stdout).toContain(String(complete.payload.result).trim());
    for (const a of design.agents) expect(complete.payload.result).toContain(`### ${a.name}`);
    const stored = await tableEvents(workflowId);
    expect(stored.map((e) => `${e.timestamp}:${e.event_type}`).sort()).toEqual(
      events.map((e) => `${e.timestamp}:${e.event_type}`).sort(),
    );
  });

  it('runs deterministically: the same prompt gives the same result', async () => {
    const design = await assistedDesign('manufacturing', 'Plan maintenance before failures', ['ERP']);
    const a = run(design, 'CNC-07 is vibrating', 'wf-det-a');
    const b = run(design, 'CNC-07 is vibrating', 'wf-det-b');
    const result = (r: ReturnType<typeof run>) =>
      r.events.find((e) => e.event_type === 'workflow_complete')!.payload.result;
    expect(result(a)).toEqual(result(b));
  });

  it('runs with hostile names: quotes, newlines, """, markup and non-ASCII stay data', async () => {
    const design = hostileDesign();
    const workflowId = 'wf-hostile-1';
    const { result, events } = run(design, HOSTILE[0], workflowId);
    expect(result.status, result.stderr).toBe(0);
    // Had a name run as code, `echo pwned` would have printed a line of its own.
    expect(`${result.stdout}\n${result.stderr}`.split('\n').map((l) => l.trim())).not.toContain('pwned');
    expect(events.length).toBeGreaterThan(10);
    const agentNames = new Set(events.filter((e) => e.event_type === 'agent_start').map((e) => e.agent_name));
    // Two agents share a name in the design: the second runs, and is drawn, as "<name> (2)".
    const [first, second, ...rest] = design.agents.map((a) => a.name);
    expect(second).toBe(first);
    expect([...agentNames].sort()).toEqual([first, `${first} (2)`, ...rest].sort());
    expectOneIdentityPerAgent(events, design.agents.length);
    for (const e of events) expect(validate(e), `${e.event_type}: ${JSON.stringify(validate.errors)}`).toBe(true);
    expect((await tableEvents(workflowId)).length).toBe(events.length);
  });
});
