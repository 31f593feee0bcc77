/** Where a generated project lands and how: real folders under the system's temporary directory. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateProject } from '../../../src/wizard/generator/generateProject';
import { defaultFolder, planFolder, writeProject } from '../../../src/wizard/projectFolder';
import { assistedDesign } from './designs';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'agentify-ws-'));
  dirs.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

/** Every file under `dir` with its content, to compare a folder before and after. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      out[path.relative(dir, full)] = readFileSync(full, 'utf8');
    }
  }
  return out;
}

const FILES = { 'README.md': '# new\n', 'agents/main.py': 'print(1)\n', 'mock_data/orders.json': '[]\n' };

describe('defaultFolder', () => {
  it('is a new folder named after the workflow, never one holding something else', async () => {
    const ws = workspace({ 'taken/notes.txt': 'mine', 'taken-2/x': 'mine', 'again/agents/workflow_design.json': '{}' });
    mkdirSync(path.join(ws, 'empty'));
    expect(await defaultFolder(ws, 'fresh')).toBe(path.join(ws, 'fresh'));
    expect(await defaultFolder(ws, 'empty')).toBe(path.join(ws, 'empty'));
    expect(await defaultFolder(ws, 'again')).toBe(path.join(ws, 'again'));
    expect(await defaultFolder(ws, 'taken')).toBe(path.join(ws, 'taken-3'));
  });
});

describe('writeProject', () => {
  it('creates the folder with every file and leaves no staging folder behind', async () => {
    const ws = workspace({ 'other.txt': 'keep' });
    const target = path.join(ws, 'demo');
    const files = generateProject(await assistedDesign('retail', 'Resolve return requests'));
    const result = await writeProject(target, files, []);
    expect(result.written.sort()).toEqual(Object.keys(files).sort());
    expect(tree(target)).toEqual(files);
    expect(readdirSync(ws).sort()).toEqual(['demo', 'other.txt']);
  });

  it('marks what would change, and writes nothing at all without consent to replace it', async () => {
    const ws = workspace({
      'demo/README.md': '# mine\n',
      'demo/agents/main.py': 'print(1)\n',
      'demo/notes.txt': 'mine',
    });
    const target = path.join(ws, 'demo');
    const plan = await planFolder(target, FILES);
    expect(plan.files.map((f) => [f.path, f.exists, f.changes])).toEqual([
      ['README.md', true, true],
      ['agents/main.py', true, false],
      ['mock_data/orders.json', false, false],
    ]);
    const before = tree(target);
    await expect(writeProject(target, FILES, [])).rejects.toMatchObject({
      code: 'OverwriteNotConfirmed',
      message: expect.stringContaining('README.md'),
    });
    await expect(writeProject(target, FILES, ['agents/main.py'])).rejects.toMatchObject({
      code: 'OverwriteNotConfirmed',
    });
    expect(tree(target)).toEqual(before);
    expect(readdirSync(ws)).toEqual(['demo']);
  });

  it("replaces the consented files, adds the new ones and keeps the user's other files", async () => {
    const ws = workspace({ 'demo/README.md': '# mine\n', 'demo/notes.txt': 'mine' });
    const target = path.join(ws, 'demo');
    const result = await writeProject(target, FILES, ['README.md']);
    expect(result.written).toEqual(['README.md', 'agents/main.py', 'mock_data/orders.json']);
    expect(tree(target)).toEqual({ ...FILES, 'notes.txt': 'mine' });
    expect(readdirSync(ws)).toEqual(['demo']);
  });

  it('puts everything back when a file cannot be moved in: never a half-written project', async () => {
    // A file named like a folder the project needs: the move fails after README.md was replaced.
    const ws = workspace({ 'demo/README.md': '# mine\n', 'demo/mock_data': 'a file, not a folder' });
    const target = path.join(ws, 'demo');
    const before = tree(target);
    await expect(writeProject(target, FILES, ['README.md'])).rejects.toMatchObject({
      message: expect.stringContaining('the folder is as it was'),
    });
    expect(tree(target)).toEqual(before);
    expect(existsSync(path.join(target, 'agents'))).toBe(false);
    expect(readdirSync(ws)).toEqual(['demo']);
  });
});
