import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseTableDefinition, templatePath } from '../../../src/table/tableDefinition';
import { REPO_ROOT } from '../../support/localTable';

const template = readFileSync(templatePath(REPO_ROOT), 'utf8');

function cfnLint(file: string) {
  return spawnSync('cfn-lint', [file], { encoding: 'utf8' });
}

// cfn-lint is a Python program that loads every resource spec at start: seconds when idle, far
// more on a busy machine. A bound for the test, not a claim about its speed.
const CFN_LINT_TIMEOUT_MS = 120_000;

describe('events table template', () => {
  it('passes cfn-lint', () => {
    const result = cfnLint(templatePath(REPO_ROOT));
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, CFN_LINT_TIMEOUT_MS);

  it('fails cfn-lint when a property is misspelt or mistyped (the check can fail)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'agentify-cfn-'));
    const misspelt = path.join(dir, 'misspelt.yaml');
    writeFileSync(misspelt, template.replace('BillingMode: PAY_PER_REQUEST', 'BillingMod: PAY_PER_REQUEST'));
    expect(cfnLint(misspelt).status).not.toBe(0);
    const mistyped = path.join(dir, 'mistyped.yaml');
    writeFileSync(mistyped, template.replace('Enabled: true', 'Enabled: [yes]'));
    expect(cfnLint(mistyped).status).not.toBe(0);
  }, CFN_LINT_TIMEOUT_MS);

  it('defines the table the event contract needs', () => {
    expect(parseTableDefinition(template)).toEqual({
      partitionKey: { name: 'workflow_id', type: 'S' },
      sortKey: { name: 'timestamp', type: 'N' },
      billingMode: 'PAY_PER_REQUEST',
      ttlAttribute: 'ttl',
      defaultTableName: 'agentify-workflow-events',
    });
  });

  it('documents CLI deployment, the item schema, the size limit and TTL', () => {
    expect(template).toContain('aws cloudformation deploy');
    expect(template).toContain('--parameter-overrides TableName=');
    expect(template).toMatch(/payload\s+M/);
    expect(template).toContain('400 KB');
    expect(template).toContain('350 KB');
    expect(template).toMatch(/ttl\s+N/);
  });

  it('rejects a template without a range key', () => {
    expect(() => parseTableDefinition(template.replace(/ {8}- AttributeName: timestamp\n {10}KeyType: RANGE\n/, ''))).toThrow(/HASH and a RANGE key/);
  });
});
