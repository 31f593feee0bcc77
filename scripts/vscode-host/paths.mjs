// Where the offline VS Code host lives (see install.mjs). AGENTIFY_HOST_DIR moves it elsewhere.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = '24';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const hostDir = path.resolve(process.env.AGENTIFY_HOST_DIR || path.join(repoRoot, '.vscode-host'));

export const nodeDir = path.join(hostDir, 'node');
/** The `node` package keeps the real binary in a platform package beside it. */
const platformPackage = path.join(
  nodeDir,
  'node_modules',
  'node',
  'node_modules',
  `node-${process.platform}-${process.arch}`,
);
export const nodeBinary = path.join(platformPackage, 'bin', 'node');
export const nodeHeadersDir = path.join(platformPackage, 'include', 'node');

export const codeServerDir = path.join(hostDir, 'code-server');
export const codeServerEntry = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export const chromiumPath = process.env.AGENTIFY_CHROMIUM || '/usr/bin/chromium';
