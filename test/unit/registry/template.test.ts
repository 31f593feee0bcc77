/**
 * The registry template: cfn-lint clean (and the check can fail), the table the code expects,
 * function URLs that require IAM, roles scoped to the table and its index with no Scan, and
 * read and write granted separately.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CAPABILITY_INDEX } from '../../../src/registry/items';
import { REGISTRY_TEMPLATE, parseRegistryTable } from '../../../src/registry/registryTable';
import { REPO_ROOT } from '../../support/localTable';

const file = path.join(REPO_ROOT, REGISTRY_TEMPLATE);
const text = readFileSync(file, 'utf8');
const cfnLint = (f: string) => spawnSync('cfn-lint', [f], { encoding: 'utf8' });

// Short-form tags kept as strings of their own: enough to look at the policies' shape.
const tags = ['Ref', 'GetAtt', 'Sub'].map((n) => ({ tag: `!${n}`, resolve: (v: string) => `${n}(${v})` }));
/* eslint-disable @typescript-eslint/no-explicit-any -- a parsed template is untyped data */
const resources = (
  parseDocument(text, { customTags: tags as any }).toJS() as {
    Resources: Record<string, { Type: string; Properties: any }>;
  }
).Resources;
/* eslint-enable @typescript-eslint/no-explicit-any */
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const statements = (doc: any): { Action: string | string[]; Resource: string | string[]; Condition?: unknown }[] =>
  doc.Statement;
const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

describe('agent registry template', () => {
  it('passes cfn-lint', { timeout: 90_000 }, () => {
    const result = cfnLint(file);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails cfn-lint when a property is misspelt (the check can fail)', { timeout: 90_000 }, () => {
    const broken = path.join(mkdtempSync(path.join(tmpdir(), 'agentify-cfn-')), 'broken.yaml');
    writeFileSync(broken, text.replace('AuthType: AWS_IAM', 'AuthTyp: AWS_IAM'));
    expect(cfnLint(broken).status).not.toBe(0);
  });

  it('defines the table the registry code expects: agentId, on demand, CapabilityIndex', () => {
    const def = parseRegistryTable(text);
    expect(def.KeySchema).toEqual([{ AttributeName: 'agentId', KeyType: 'HASH' }]);
    expect(def.BillingMode).toBe('PAY_PER_REQUEST');
    expect(def.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: CAPABILITY_INDEX,
        KeySchema: [
          { AttributeName: 'capability', KeyType: 'HASH' },
          { AttributeName: 'id', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
  });

  it('serves every function URL with IAM auth, never open', () => {
    const urls = ofType('AWS::Lambda::Url');
    expect(urls).toHaveLength(2);
    for (const [, url] of urls) expect(url.Properties.AuthType).toBe('AWS_IAM');
    expect(text).not.toMatch(/AuthType:\s*NONE/);
  });

  it('scopes DynamoDB access to the table and its index, without Scan; the reader cannot write', () => {
    expect(text).not.toMatch(/dynamodb:(Scan|\*)/);
    for (const [name, role] of ofType('AWS::IAM::Role')) {
      for (const s of role.Properties.Policies.flatMap((p: { PolicyDocument: unknown }) =>
        statements(p.PolicyDocument),
      )) {
        for (const r of list(s.Resource))
          expect({ name, r }).toEqual({
            name,
            r: expect.stringMatching(
              /^(GetAtt\((AgentRegistryTable|\w+LogGroup)\.Arn\)|Sub\(\$\{AgentRegistryTable\.Arn\}\/index\/\w+\))$/,
            ),
          });
      }
    }
    const readActions = resources.ReadFunctionRole.Properties.Policies.flatMap((p: { PolicyDocument: unknown }) =>
      statements(p.PolicyDocument),
    ).flatMap((s: { Action: string }) => list(s.Action));
    expect(readActions.filter((a: string) => a.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:Query',
    ]);
  });

  it('grants reading and writing separately, each only through its own URL', () => {
    const read = statements(resources.RegistryReadPolicy.Properties.PolicyDocument);
    const write = statements(resources.RegistryWritePolicy.Properties.PolicyDocument);
    expect(read.flatMap((s) => list(s.Resource))).toEqual(['GetAtt(ReadFunction.Arn)', 'GetAtt(ReadFunction.Arn)']);
    expect(write.flatMap((s) => list(s.Resource))).toEqual(['GetAtt(WriteFunction.Arn)', 'GetAtt(WriteFunction.Arn)']);
    for (const s of [...read, ...write]) expect(s.Condition).toBeDefined();
    expect(resources.ReadFunction.Properties.Environment.Variables.REGISTRY_MODE).toBe('read');
    expect(resources.WriteFunction.Properties.Environment.Variables.REGISTRY_MODE).toBe('write');
  });
});
