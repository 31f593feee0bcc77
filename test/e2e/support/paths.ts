import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** Screenshots of every step, and the logs of any failure. */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-output', 'e2e');
