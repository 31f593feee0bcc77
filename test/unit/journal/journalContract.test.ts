/**
 * The journal's contract is written once in schema/journal.schema.json: the TypeScript statuses,
 * the Python statuses and the documented example of every status agree with it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { FAILURE_STATUSES, JOURNAL_STATUSES } from '../../../src/journal/journalStatus';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const schema = JSON.parse(readFileSync(path.join(ROOT, 'schema', 'journal.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

describe('the session journal contract', () => {
  it('lists the same statuses in the schema, the TypeScript and the Python package', () => {
    expect(schema.$defs.Status.enum).toEqual([...JOURNAL_STATUSES]);
    expect(schema.$defs.FailureStatus.enum).toEqual([...FAILURE_STATUSES]);
    const python = readFileSync(path.join(ROOT, 'python-decorators', 'agentify', 'journal', 'statuses.py'), 'utf8');
    const declared = [...python.matchAll(/^([A-Z_]+) = "([A-Z_]+)"$/gm)].map((m) => m[2]);
    expect(declared).toEqual([...JOURNAL_STATUSES]);
  });

  it('documents a valid example of every status', () => {
    const doc = readFileSync(path.join(ROOT, 'docs', 'SESSION_JOURNAL.md'), 'utf8');
    const examples = doc
      .split('\n')
      .filter((l) => l.startsWith('{"PK"'))
      .map((l) => JSON.parse(l));
    expect(examples.map((e) => e.Status)).toEqual([...JOURNAL_STATUSES]);
    for (const e of examples) expect(validate(e), JSON.stringify(validate.errors)).toBe(true);
  });

  it('requires the message on a failure and refuses a malformed sort key', () => {
    const base = { PK: 'SESSION#s', SK: 'EVENT#2026-01-05T09:30:00.123Z', Timestamp: '2026-01-05T09:30:00.123Z' };
    expect(validate({ ...base, Status: 'AGENT_INVOCATION_FAILED' })).toBe(false);
    expect(validate({ ...base, Status: 'AGENT_INVOCATION_FAILED', ErrorMessage: 'x' })).toBe(true);
    expect(validate({ ...base, SK: 'EVENT#2026-01-05T09:30:00.123Z#0001', Status: 'SESSION_INITIATED' })).toBe(true);
    expect(validate({ ...base, SK: 'EVENT#yesterday', Status: 'SESSION_INITIATED' })).toBe(false);
  });
});
