// Writes the state machine definition (infrastructure/session-journal.asl.json, the one source)
// into the template's inline Definition, between its BEGIN/END marker comments.
//   node scripts/session-journal-template.mjs          rewrite the template
//   node scripts/session-journal-template.mjs --check  exit 1 when the template is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const aslPath = path.join(root, 'infrastructure', 'session-journal.asl.json');
const templatePath = path.join(root, 'infrastructure', 'session-journal.yaml');
const BEGIN = '# BEGIN definition (generated from session-journal.asl.json by scripts/session-journal-template.mjs)';
const END = '# END definition';
const INDENT = '        ';

const definition = JSON.parse(readFileSync(aslPath, 'utf8'));
// JSON is YAML: the inline copy is the same JSON, indented under `Definition:`.
const block = JSON.stringify(definition, null, 2)
  .split('\n')
  .map((line) => INDENT + line)
  .join('\n');
const template = readFileSync(templatePath, 'utf8');
const start = template.indexOf(BEGIN);
const end = template.indexOf(END);
if (start < 0 || end < start) {
  console.error(`${templatePath} has no "${BEGIN}" ... "${END}" markers around the state machine's Definition.`);
  process.exit(1);
}
const lineStart = template.lastIndexOf('\n', start) + 1;
const next = `${template.slice(0, lineStart)}${INDENT}${BEGIN}\n${block}\n${INDENT}${template.slice(end)}`;
if (process.argv.includes('--check')) {
  if (next !== template) {
    console.error('infrastructure/session-journal.yaml is out of date: run node scripts/session-journal-template.mjs');
    process.exit(1);
  }
} else if (next !== template) {
  writeFileSync(templatePath, next);
  console.log('infrastructure/session-journal.yaml: Definition updated');
}
