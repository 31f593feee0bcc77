import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
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
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name): calls.append(n.func.value.id + "." + n.func.attr)
    out[p] = {"imports": imports, "defs": defs, "calls": calls}
print(json.dumps(out))
`;

function inspectPython(dir: string, files: FileMap) {
  const py = Object.keys(files).filter((f) => f.endsWith('.py')).map((f) => path.join(dir, f));
  return JSON.parse(execFileSync('python3', ['-c', INSPECT, ...py], { encoding: 'utf8' })) as Record<string, { imports: string[]; defs: string[]; calls: string[] }>;
}

const ALLOWED_IMPORTS = /^(agentify|agentify\.cli|os|sys|json|copy|mock_tools|workflow_runtime|agent_[a-z0-9_]+)$/;
/** Method calls the design-specific modules (main.py, agent_*.py) may make. */
const ALLOWED_CALLS = new Set(['sys.exit', 'outputs.get']);

describe('generateProject', () => {
  it('writes the entry point, a module per agent, mock data, config, steering and README', async () => {
    const design = await assistedDesign('retail', 'Resolve order and return requests in chat', ['Salesforce CRM', 'SAP ERP']);
    const files = generateProject(design);
    const agentModules = Object.keys(files).filter((f) => /^agents\/agent_.*\.py$/.test(f));
    expect(agentModules).toHaveLength(design.agents.length);
    for (const f of ['agents/main.py', 'agents/workflow_design.json', 'mock_data/tool_responses.json', '.agentify/config.json', '.kiro/steering/product.md', '.kiro/steering/tech.md', '.kiro/steering/structure.md', 'README.md']) {
      expect(files[f], f).toBeTruthy();
    }
    expect(JSON.parse(files['.agentify/config.json']).infrastructure.dynamodb).toEqual({ tableName: 'agentify-workflow-events', region: 'us-east-1', endpoint: 'local' });
    expect(files['.kiro/steering/product.md']).toContain('Resolve order and return requests in chat');
    expect(files['README.md']).toContain(design.demo.prompts[0]);
    expect(Object.keys(files)).toEqual([...Object.keys(files)].sort((a, b) => a.localeCompare(b)));
  });

  it('is deterministic: the same design gives the same files', async () => {
    const design = await assistedDesign('finance', 'Speed up loan decisions');
    expect(generateProject(design)).toEqual(generateProject(structuredClone(design)));
  });

  it.each(INDUSTRIES)('produces Python that parses and imports only what it should (%s)', async (industry) => {
    const files = generateProject(await assistedDesign(industry, `Improve ${industry} operations`));
    const dir = writeTree(files);
    for (const info of Object.values(inspectPython(dir, files))) {
      for (const i of info.imports) expect(i).toMatch(ALLOWED_IMPORTS);
    }
  });

  it('keeps hostile names, quotes, newlines and non-ASCII text out of the code', () => {
    const design = hostileDesign();
    const files = generateProject(design);
    const dir = writeTree(files);
    const inspected = inspectPython(dir, files);
    for (const [file, info] of Object.entries(inspected)) {
      for (const i of info.imports) expect(i, file).toMatch(ALLOWED_IMPORTS);
      for (const d of info.defs) expect(d, file).toMatch(/^[a-z_][a-z0-9_]*$/);
      if (/(main|agent_[a-z0-9_]+)\.py$/.test(file)) for (const c of info.calls) expect(ALLOWED_CALLS.has(c), `${file}: ${c}`).toBe(true);
    }
    for (const [file, content] of Object.entries(files)) {
      // Printable ASCII, tabs and newlines only.
      if (file.endsWith('.py')) expect(content, file).toMatch(/^[\t\n -~]*$/);
    }
    const saved = JSON.parse(files['agents/workflow_design.json']);
    expect(saved.agents.map((a: { name: string }) => a.name)).toEqual(design.agents.map((a) => a.name));
    expect(saved.objective).toBe(HOSTILE.join('\n'));
    // Edges to agents that do not exist are dropped.
    expect(saved.edges).toHaveLength(4);
    // Two agents with one name still get two modules.
    expect(new Set(saved.agents.map((a: { module: string }) => a.module)).size).toBe(4);
    // Two datasets with one name, and one named like the tool responses file, get distinct files.
    expect(Object.keys(files).filter((f) => f.startsWith('mock_data/'))).toHaveLength(4);
  });

  it('quotes the README\'s run command so a copied prompt is one shell word that runs nothing', () => {
    const prompt = `it's $(echo pwned) \`echo pwned\` "quoted" ; echo pwned`;
    const design = { ...hostileDesign(), demo: { prompts: [prompt], showcase: [], talkingPoints: [] } };
    const readme = generateProject(design)['README.md'];
    const command = /python agents\/main\.py --prompt (.*)$/m.exec(readme)![1].replace(/^`+ | `+$/g, '');
    const echoed = execFileSync('bash', ['-c', `printf %s ${command}`], { encoding: 'utf8' });
    expect(echoed).toBe(prompt);
  });
});
