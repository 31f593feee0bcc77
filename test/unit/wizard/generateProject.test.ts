import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INDUSTRIES } from '../../../src/protocol/ideationWizard';
import { generateProject, FileMap } from '../../../src/wizard/generator/generateProject';
import { assistedDesign, hostileDesign, HOSTILE } from './designs';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function writeTree(files: FileMap): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'agentify-gen-'));
  dirs.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

/** Python's own parser reports every import and every name a module defines. */
const INSPECT = `
import ast, json, sys
out = {}
for p in sys.argv[1:]:
    tree = ast.parse(open(p, encoding="utf-8").read(), p)
    imports, defs, calls = [], [], []
    for n in ast.walk(tree):
        if isinstance(n, ast.Import): imports += [a.name for a in n.names]
        if isinstance(n, ast.ImportFrom): imports.append(n.module)
        if isinstance(n, (ast.FunctionDef, ast.ClassDef)): defs.append(n.name)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name):
            calls.append(n.func.value.id + "." + n.func.attr)
    out[p] = {"imports": imports, "defs": defs, "calls": calls}
print(json.dumps(out))
`;

function inspectPython(dir: string, files: FileMap) {
  const py = Object.keys(files)
    .filter((f) => f.endsWith('.py'))
    .map((f) => path.join(dir, f));
  return JSON.parse(execFileSync('python3', ['-c', INSPECT, ...py], { encoding: 'utf8' })) as Record<
    string,
    { imports: string[]; defs: string[]; calls: string[] }
  >;
}

const ALLOWED_IMPORTS = [
  ...['agentify', 'agentify.cli', 'os', 'sys', 'json', 'copy', 'importlib', 'logging', 're', 'threading'],
  ...['mock_tools', 'workflow_runtime', 'agent_registry'],
];
/** Method calls an agent module, the one filled in from the design, may make: none. */
const ALLOWED_CALLS = new Set<string>();

const DECORATORS = path.resolve(__dirname, '../../../python-decorators');
const TEMPLATES = path.resolve(__dirname, '../../../src/wizard/generator/templates');
const template = (name: string) => readFileSync(path.join(TEMPLATES, name), 'utf8');
/** Modules copied as they are; the agent modules are filled in from templates/agent.py. */
const STATIC = {
  'agents/main.py': 'main.py',
  'agents/workflow_runtime.py': 'workflow_runtime.py',
  'agents/mock_tools.py': 'mock_tools.py',
  'agents/agent_registry.py': 'agent_registry.py',
};
const isAgentModule = (file: string) =>
  /agents\/agent_[a-z0-9_]+\.py$/.test(file) && !file.endsWith('agent_registry.py');

describe('generateProject', () => {
  it('writes the entry point, a module per agent, mock data, config, steering and README', async () => {
    const design = await assistedDesign('retail', 'Resolve order and return requests in chat', [
      'Salesforce CRM',
      'SAP ERP',
    ]);
    const files = generateProject(design);
    const agentModules = Object.keys(files).filter(isAgentModule);
    expect(agentModules).toHaveLength(design.agents.length);
    for (const f of [
      'agents/main.py',
      'agents/workflow_design.json',
      'mock_data/tool_responses.json',
      '.agentify/config.json',
      '.kiro/steering/product.md',
      '.kiro/steering/tech.md',
      '.kiro/steering/structure.md',
      'README.md',
    ]) {
      expect(files[f], f).toBeTruthy();
    }
    expect(JSON.parse(files['.agentify/config.json'])).toEqual({ workflow: { entry: 'agents/main.py' } });
    expect(files['.kiro/steering/product.md']).toContain('Resolve order and return requests in chat');
    expect(files['README.md']).toContain(design.demo.prompts[0]);
    expect(Object.keys(files)).toEqual([...Object.keys(files)].sort((a, b) => a.localeCompare(b)));
  });

  it('carries the events table in effect into .agentify/config.json, never a table of its own', async () => {
    const design = await assistedDesign('retail', 'Resolve order and return requests in chat');
    for (const config of [
      { tableName: 'team-events', region: 'eu-west-1', endpoint: '' },
      { tableName: 'agentify-workflow-events', region: 'us-east-1', endpoint: 'http://127.0.0.1:8123' },
      { tableName: 'offline-events', region: 'us-east-1', endpoint: 'local' },
    ]) {
      const files = generateProject(design, { config });
      expect(JSON.parse(files['.agentify/config.json'])).toEqual({
        infrastructure: { dynamodb: config },
        workflow: { entry: 'agents/main.py' },
      });
      expect(files['README.md']).toContain(`\`${config.tableName}\``);
      expect(files['.kiro/steering/tech.md']).toContain(`\`${config.tableName}\``);
    }
    expect(generateProject(design)['README.md']).toContain('the events table of the Agentify settings');
  });

  it('copies the fixed modules from templates/ as they are and fills one module per agent', async () => {
    const design = await assistedDesign('telecom', 'Diagnose slow broadband', ['CRM']);
    const files = generateProject(design);
    for (const [out, name] of Object.entries(STATIC)) expect(files[out], out).toBe(template(name));
    const agentFiles = Object.keys(files).filter(isAgentModule);
    expect(agentFiles).toHaveLength(design.agents.length);
    for (const f of agentFiles) expect(files[f]).not.toMatch(/\{\{|__tpl_/);
  });

  it('compiles every template and every generated module with python3 -m py_compile', async () => {
    const names = readdirSync(TEMPLATES).filter((f) => f.endsWith('.py'));
    expect(names).toEqual(expect.arrayContaining(['agent.py', ...Object.values(STATIC)]));
    const dir = writeTree(generateProject(hostileDesign()));
    const generated = readdirSync(path.join(dir, 'agents'))
      .filter((f) => f.endsWith('.py'))
      .map((f) => path.join(dir, 'agents', f));
    const cache = mkdtempSync(path.join(tmpdir(), 'agentify-pycache-'));
    dirs.push(cache);
    // Exit code 1 and the offending file on stderr for any syntax error.
    execFileSync('python3', ['-m', 'py_compile', ...names.map((n) => path.join(TEMPLATES, n)), ...generated], {
      env: { ...process.env, PYTHONPYCACHEPREFIX: cache },
    });
  });

  it('names every agent once: a second agent called like the first becomes "<name> (2)"', () => {
    const design = hostileDesign();
    const saved = JSON.parse(generateProject(design)['agents/workflow_design.json']);
    const names = saved.agents.map((a: { name: string }) => a.name);
    expect(names).toEqual([
      design.agents[0].name,
      `${design.agents[0].name} (2)`,
      design.agents[2].name,
      design.agents[3].name,
    ]);
  });

  it('is deterministic: the same design gives the same files', async () => {
    const design = await assistedDesign('finance', 'Speed up loan decisions');
    expect(generateProject(design)).toEqual(generateProject(structuredClone(design)));
  });

  it.each(INDUSTRIES)('produces Python that parses and imports only what it should (%s)', async (industry) => {
    const files = generateProject(await assistedDesign(industry, `Improve ${industry} operations`));
    const dir = writeTree(files);
    for (const info of Object.values(inspectPython(dir, files))) {
      for (const i of info.imports) expect(ALLOWED_IMPORTS).toContain(i);
    }
  });

  it('keeps hostile names, quotes, newlines and non-ASCII text out of the code', () => {
    const design = hostileDesign();
    const files = generateProject(design);
    const dir = writeTree(files);
    const inspected = inspectPython(dir, files);
    for (const [file, info] of Object.entries(inspected)) {
      for (const i of info.imports) expect(ALLOWED_IMPORTS, file).toContain(i);
      if (isAgentModule(file)) for (const d of info.defs) expect(d, file).toMatch(/^[a-z_][a-z0-9_]*$/);
      if (isAgentModule(file)) for (const c of info.calls) expect(ALLOWED_CALLS.has(c), `${file}: ${c}`).toBe(true);
    }
    for (const [file, content] of Object.entries(files)) {
      // Printable ASCII, tabs and newlines only.
      if (file.endsWith('.py')) expect(content, file).toMatch(/^[\t\n -~]*$/);
    }
    const saved = JSON.parse(files['agents/workflow_design.json']);
    expect(saved.agents.map((a: { role: string }) => a.role)).toEqual(design.agents.map((a) => a.role));
    expect(saved.objective).toBe(HOSTILE.join('\n'));
    // Edges to agents that do not exist are dropped.
    expect(saved.edges).toHaveLength(4);
    // Two agents with one name still get two modules.
    expect(new Set(saved.agents.map((a: { module: string }) => a.module)).size).toBe(4);
    // Two datasets with one name, and one named like the tool responses file, get distinct files.
    expect(Object.keys(files).filter((f) => f.startsWith('mock_data/'))).toHaveLength(4);
  });

  it.each(INDUSTRIES)('writes a README without placeholder paths or stray backticks (%s)', async (industry) => {
    const readme = generateProject(await assistedDesign(industry, `Improve ${industry} operations`), {
      decoratorsPath: DECORATORS,
    })['README.md'];
    expect(readme).not.toMatch(/path\/to|<[a-z-]+>|TODO|\.\.\.\//i);
    const prose = readme.replace(/^```sh\n[^`]*\n```$/gm, '');
    expect(prose).not.toContain('```');
    // Inline code spans open and close on the same line.
    for (const l of prose.split('\n')) expect((l.match(/`/g) ?? []).length % 2, l).toBe(0);
    expect(readme.match(/^```sh\n(.*)\n```$/m)![1]).toMatch(/^PYTHONPATH='[^']+' python3 agents\/main\.py --prompt '/);
  });

  it("runs the README's terminal command as written: the prompt is one shell word that runs nothing", () => {
    const prompt = `it's $(echo pwned) \`echo pwned\` "quoted" ; echo pwned`;
    const design = { ...hostileDesign(), demo: { prompts: [prompt], showcase: [], talkingPoints: [] } };
    const files = generateProject(design, { decoratorsPath: DECORATORS });
    const command = /^```sh\n(.*)\n```$/m.exec(files['README.md'])![1];
    const dir = writeTree(files);
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PYTHONIOENCODING: 'utf-8',
      AGENTIFY_REGISTER_AGENTS: '0',
    };
    const out = execFileSync('bash', ['-c', command], { cwd: dir, encoding: 'utf8', env });
    expect(out.split('\n').map((l) => l.trim())).not.toContain('pwned');
    const start = out
      .split('\n')
      .map((l) => JSON.parse(l.startsWith('{') ? l : 'null'))
      .find((e) => e?.event?.event_type === 'workflow_start');
    expect(JSON.stringify(start.event.payload)).toContain(JSON.stringify(prompt).slice(1, -1));
  });
});
