/**
 * Where a generated project goes and how it lands there, on the local file system (no `vscode`):
 * the default folder named after the workflow, what writing would change in a folder, and the
 * write itself, which is all or nothing. Every file is first written to a staging folder next to
 * the target; only when all of them are there do they move in. Files that would change are
 * replaced only when the caller passes them as consented (the preview showed them); otherwise
 * nothing is written. A failure while moving puts back what was already replaced.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AgentifyError } from '../common/errors';

/** A file generation would write, and what is at its path now. */
export interface PlannedFile {
  path: string;
  content: string;
  /** A file is already at this path. */
  exists: boolean;
  /** That file's content differs: writing replaces it. */
  changes: boolean;
}

export interface FolderPlan {
  folder: string;
  files: PlannedFile[];
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const listed = (paths: string[]) => paths.slice(0, 3).join(', ') + (paths.length > 3 ? ', …' : '');
const REPLACE_HINT = 'Preview the files and tick "Replace the existing files", or choose another folder.';

/** The file that marks a folder as a generated project (regenerating into it is expected). */
export const PROJECT_MARKER = 'agents/workflow_design.json';

async function isEmptyOrProject(folder: string): Promise<boolean> {
  if (!existsSync(folder)) return true;
  if (existsSync(path.join(folder, PROJECT_MARKER))) return true;
  return (await readdir(folder)).length === 0;
}

/**
 * `<parent>/<slug>`, or `<slug>-2`, `-3`… when that folder already holds something that is not a
 * generated project, so the default never mixes a project into unrelated files.
 */
export async function defaultFolder(parent: string, slug: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = path.join(parent, n === 1 ? slug : `${slug}-${n}`);
    if (await isEmptyOrProject(candidate)) return candidate;
  }
}

function inside(folder: string, rel: string): string {
  const full = path.resolve(folder, rel);
  if (!full.startsWith(path.resolve(folder) + path.sep))
    throw new AgentifyError(`The generated path ${rel} leaves the project folder.`, { code: 'Unknown' });
  return full;
}

async function readIfFile(file: string): Promise<string | undefined> {
  try {
    return (await stat(file)).isFile() ? await readFile(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

export async function planFolder(folder: string, files: Record<string, string>): Promise<FolderPlan> {
  const planned = await Promise.all(
    Object.entries(files).map(async ([rel, content]) => {
      const full = inside(folder, rel);
      const old = await readIfFile(full);
      // A folder (not a file) at the path cannot be replaced by a file: it counts as a change too.
      const exists = old !== undefined || existsSync(full);
      return { path: rel, content, exists, changes: exists && old !== content };
    }),
  );
  return { folder, files: planned };
}

export interface WriteResult {
  folder: string;
  /** Files written or replaced (unchanged ones are left alone). */
  written: string[];
  unchanged: string[];
}

/**
 * Writes `files` into `folder`, all or nothing. Throws `OverwriteNotConfirmed` (nothing written)
 * when a file would change that is not in `consented`.
 */
export async function writeProject(
  folder: string,
  files: Record<string, string>,
  consented: readonly string[],
): Promise<WriteResult> {
  const plan = await planFolder(folder, files);
  const allowed = new Set(consented);
  const refused = plan.files.filter((f) => f.changes && !allowed.has(f.path)).map((f) => f.path);
  if (refused.length) {
    throw new AgentifyError(
      `Nothing was written: ${count(refused.length, 'file')} in ${folder} would be replaced (${listed(refused)}). ` +
        REPLACE_HINT,
      { code: 'OverwriteNotConfirmed', hint: REPLACE_HINT },
    );
  }
  const toWrite = plan.files.filter((f) => !f.exists || f.changes);
  const parent = path.dirname(path.resolve(folder));
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(path.join(parent, `.${path.basename(folder)}.agentify-`));
  try {
    for (const f of toWrite) {
      const target = inside(staging, path.join('new', f.path));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, f.content, 'utf8');
    }
    if (!existsSync(folder)) await rename(path.join(staging, 'new'), folder);
    else await moveIn(staging, folder, toWrite);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return {
    folder,
    written: toWrite.map((f) => f.path),
    unchanged: plan.files.filter((f) => f.exists && !f.changes).map((f) => f.path),
  };
}

/** Folders under `folder` the files need that are not there yet, deepest first. */
function missingFolders(folder: string, files: PlannedFile[]): string[] {
  const missing = new Set<string>();
  for (const f of files) {
    for (
      let dir = path.dirname(inside(folder, f.path));
      dir !== path.resolve(folder) && !existsSync(dir);
      dir = path.dirname(dir)
    )
      missing.add(dir);
  }
  return [...missing].sort((a, b) => b.length - a.length);
}

/** Moves staged files into an existing folder; on a failure, restores the files it replaced. */
async function moveIn(staging: string, folder: string, files: PlannedFile[]): Promise<void> {
  const done: PlannedFile[] = [];
  const created = missingFolders(folder, files);
  try {
    for (const f of files) {
      const target = inside(folder, f.path);
      await mkdir(path.dirname(target), { recursive: true });
      if (f.exists) {
        const backup = inside(staging, path.join('old', f.path));
        await mkdir(path.dirname(backup), { recursive: true });
        await rename(target, backup);
      }
      done.push(f);
      await rename(inside(staging, path.join('new', f.path)), target);
    }
  } catch (err) {
    for (const f of done.reverse()) {
      const target = inside(folder, f.path);
      await rm(target, { recursive: true, force: true });
      if (f.exists) await rename(inside(staging, path.join('old', f.path)), target).catch(() => undefined);
    }
    for (const dir of created) await rmdir(dir).catch(() => undefined);
    throw new AgentifyError(
      `Could not write the project into ${folder} (${(err as Error).message}); the folder is as it was.`,
      { code: 'Unknown', cause: err, hint: 'Check that the folder is writable, then generate again.' },
    );
  }
}
