/**
 * The events-table template: cfn-lint passes for the default and the hardened variant (this test
 * is how CI lints it; cfn-lint evaluates the template for the given parameter values), and the
 * definition the extension reads from it matches each variant.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HARDENED_PARAMETERS, parseTableDefinition, templatePath } from '../../../src/eventsTable/tableDefinition';
import { REPO_ROOT } from '../../support/localTable';

const template = readFileSync(templatePath(REPO_ROOT), 'utf8');
const HARDENED_WITH_TOPIC = { ...HARDENED_PARAMETERS, AlarmTopicArn: 'arn:aws:sns:us-east-1:123456789012:oncall' };

function cfnLint(file: string, parameters: Record<string, string> = {}) {
  const params = Object.entries(parameters).map(([k, v]) => `${k}=${v}`);
  return spawnSync('cfn-lint', [file, ...(params.length ? ['--parameters', ...params] : [])], { encoding: 'utf8' });
}

function variantFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'agentify-cfn-')), name);
  writeFileSync(file, text);
  return file;
}

// cfn-lint takes seconds per run, far more on a loaded machine.
const LINT_TIMEOUT = 120_000;

describe('events table template', () => {
  it(
    'passes cfn-lint with the default parameters',
    () => {
      const result = cfnLint(templatePath(REPO_ROOT));
      expect(result.stdout + result.stderr).toBe('');
      expect(result.status).toBe(0);
    },
    LINT_TIMEOUT,
  );

  it(
    'passes cfn-lint with the hardened parameters, alarm topic included',
    () => {
      const result = cfnLint(templatePath(REPO_ROOT), HARDENED_WITH_TOPIC);
      expect(result.stdout + result.stderr).toBe('');
      expect(result.status).toBe(0);
    },
    LINT_TIMEOUT,
  );

  it(
    'fails cfn-lint when a property is misspelt or mistyped (the check can fail)',
    () => {
      expect(
        cfnLint(variantFile('misspelt.yaml', template.replace('BillingMode: PAY_PER_REQUEST', 'BillingMod: x'))).status,
      ).not.toBe(0);
      const mistyped = template.replace('RecoveryPeriodInDays: 35', 'RecoveryPeriodInDays: [35]');
      expect(cfnLint(variantFile('mistyped.yaml', mistyped), HARDENED_PARAMETERS).status).not.toBe(0);
    },
    LINT_TIMEOUT,
  );

  it('defines today’s demo table by default: keys, on demand, TTL, no extras', () => {
    expect(parseTableDefinition(template)).toEqual({
      partitionKey: { name: 'workflow_id', type: 'S' },
      sortKey: { name: 'timestamp', type: 'N' },
      billingMode: 'PAY_PER_REQUEST',
      ttlAttribute: 'ttl',
      defaultTableName: 'agentify-workflow-events',
      indexes: [],
      streamViewType: undefined,
      pointInTimeRecoveryDays: undefined,
      deletionProtection: false,
      ttlDays: 1,
    });
  });

  it('defines the hardened table: both sparse indexes projected ALL, stream, 35 days of PITR, 30-day TTL', () => {
    const def = parseTableDefinition(template, HARDENED_PARAMETERS);
    expect(def.indexes).toEqual([
      {
        name: 'EventTypeIndex',
        partitionKey: { name: 'index_owner', type: 'S' },
        sortKey: { name: 'event_type_ts', type: 'S' },
        projection: 'ALL',
      },
      {
        name: 'StatusIndex',
        partitionKey: { name: 'index_owner', type: 'S' },
        sortKey: { name: 'status_ts', type: 'S' },
        projection: 'ALL',
      },
    ]);
    expect(def).toMatchObject({
      streamViewType: 'NEW_IMAGE',
      pointInTimeRecoveryDays: 35,
      deletionProtection: true,
      ttlDays: 30,
      ttlAttribute: 'ttl',
    });
  });

  it('turns each index on by its own switch (an existing table gains one index per update)', () => {
    expect(parseTableDefinition(template, { EnableRunsIndex: 'true' }).indexes.map((i) => i.name)).toEqual([
      'EventTypeIndex',
    ]);
    expect(parseTableDefinition(template, { EnableFailuresIndex: 'true' }).indexes.map((i) => i.name)).toEqual([
      'StatusIndex',
    ]);
  });

  it('keeps the key schema, the only thing that would replace the table, under every combination of switches', () => {
    const switches = ['EnablePointInTimeRecovery', 'EnableStream', 'EnableDeletionProtection', 'EnableRunsIndex'];
    const keys = (p: Record<string, string>) => {
      const def = parseTableDefinition(template, p);
      return {
        partitionKey: def.partitionKey,
        sortKey: def.sortKey,
        billingMode: def.billingMode,
        ttl: def.ttlAttribute,
      };
    };
    const expected = keys({});
    for (let mask = 0; mask < 1 << (switches.length + 1); mask++) {
      const params = Object.fromEntries(switches.map((name, i) => [name, mask & (1 << i) ? 'true' : 'false']));
      params.EnableFailuresIndex = mask & (1 << switches.length) ? 'true' : 'false';
      expect(keys({ ...params, TtlDays: '30' })).toEqual(expected);
    }
  });

  it('rejects a parameter the template does not declare', () => {
    expect(() => parseTableDefinition(template, { Hardend: 'true' })).toThrow(/no parameter "Hardend"/);
  });

  it('documents the CLI deploy, the hardened setup, item schema, size limit, TTL and what replaces the table', () => {
    expect(template).toContain('aws cloudformation deploy');
    expect(template).toContain('--parameter-overrides TableName=');
    expect(template).toContain('EnableRunsIndex=true EnableFailuresIndex=true TtlDays=30');
    expect(template).toMatch(/payload\s+M/);
    expect(template).toContain('400 KB');
    expect(template).toContain('350 KB');
    expect(template).toMatch(/ttl\s+N/);
    expect(template).toContain('Updates that would replace the table');
  });

  it('rejects a template without a range key', () => {
    const noRange = template.replace(/ {8}- AttributeName: timestamp\n {10}KeyType: RANGE\n/, '');
    expect(() => parseTableDefinition(noRange)).toThrow(/HASH and a RANGE key/);
  });
});
