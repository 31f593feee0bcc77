/** The settings table against package.json, the config it produces, and the names others repeat. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deepFreeze, resolveConfig } from '../../../src/config/agentifyConfig';
import {
  DEFAULT_STACK_NAME,
  DEFAULT_TABLE_NAME,
  FILE_SETTINGS,
  SETTING_KEYS,
  SETTINGS,
} from '../../../src/config/settings';
import { loadTableDefinition } from '../../../src/eventsTable/tableDefinition';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Contributed {
  type: string;
  default: unknown;
  description?: string;
  markdownDescription?: string;
  minimum?: number;
  maximum?: number;
  scope?: string;
  order?: number;
}
const contributed: Record<string, Contributed> = JSON.parse(read('package.json')).contributes.configuration.properties;

/** What package.json should say for each entry of the table. */
const expected = SETTINGS.map((s) => [
  `agentify.${s.key}`,
  {
    type: s.type,
    default: s.default,
    ...('scope' in s ? { scope: s.scope } : {}),
    ...('markdown' in s && s.markdown ? { markdownDescription: s.description } : { description: s.description }),
    ...('minimum' in s ? { minimum: s.minimum } : {}),
    ...('maximum' in s ? { maximum: s.maximum } : {}),
    ...('schema' in s ? s.schema : {}),
    order: s.order,
  },
]);

describe('the settings table', () => {
  it('declares exactly what package.json contributes: same types, defaults, descriptions and order', () => {
    expect(Object.fromEntries(expected)).toEqual(contributed);
    expect(SETTING_KEYS.map((k) => `agentify.${k}`)).toEqual(Object.keys(contributed));
  });

  it('gives the config its defaults: every setting lands at its path, blank-is-unset ones as undefined', () => {
    const { config, problems } = resolveConfig({}, undefined);
    expect(problems).toEqual([]);
    for (const s of SETTINGS) {
      const value = s.path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], config);
      expect(value, s.key).toEqual('blankIsUnset' in s && s.blankIsUnset ? undefined : s.default);
    }
  });

  it('lets .agentify/config.json set exactly the keys marked for it', () => {
    const file: Record<string, unknown> = {};
    const put = (p: readonly string[], v: unknown) => {
      let o = file;
      for (const k of p.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
      o[p[p.length - 1]] = v;
    };
    const sample = {
      string: 'http://127.0.0.1:1234',
      boolean: false,
      number: 7,
      object: { m: { input: 1, output: 2 } },
    } as const;
    for (const s of SETTINGS) put(s.path, s.type === 'boolean' ? !s.default : sample[s.type]);
    const { config, problems } = resolveConfig({}, JSON.stringify(file));
    expect(problems).toEqual([]);
    const inFile = new Set(FILE_SETTINGS.map((s) => s.key));
    for (const s of SETTINGS) {
      const value = s.path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], config);
      const fromFile = s.type === 'boolean' ? !s.default : sample[s.type];
      expect(value, s.key).toEqual(inFile.has(s.key) ? fromFile : s.default);
    }
    expect(inFile.has('demoViewer.openOnStartup')).toBe(false);
  });

  it('reads demoViewer.openOnStartup from the settings like every other setting', () => {
    expect(resolveConfig({ 'demoViewer.openOnStartup': true }, undefined).config.demoViewer.openOnStartup).toBe(true);
    expect(resolveConfig({}, undefined).config.demoViewer.openOnStartup).toBe(false);
  });
});

describe('the default table and stack name', () => {
  it('is the one the template, the Python sink hint and the sample workspace use', () => {
    expect(loadTableDefinition(ROOT).defaultTableName).toBe(DEFAULT_TABLE_NAME);
    expect(read('infrastructure/dynamodb-table.yaml')).toContain(`--stack-name ${DEFAULT_STACK_NAME}`);
    expect(read('python-decorators/agentify/sinks/dynamodb_failures.py')).toContain(
      `--stack-name ${DEFAULT_STACK_NAME}`,
    );
    expect(JSON.parse(read('examples/research-team/.agentify/config.json')).infrastructure.dynamodb.tableName).toBe(
      DEFAULT_TABLE_NAME,
    );
  });
});

describe('object settings', () => {
  it('are copied into the config, so a read-only proxy from the editor can still be frozen', () => {
    const models = { 'claude-3': { input: 0.003, output: 0.015 } };
    // How VS Code hands out object settings: a proxy that refuses to become frozen or extended.
    const proxy = new Proxy(models, { isExtensible: () => true, preventExtensions: () => false });
    const { config } = resolveConfig({ 'pricing.models': proxy }, undefined);
    expect(config.pricing.models).toEqual(models);
    expect(() => deepFreeze(config)).not.toThrow();
    expect(Object.isFrozen(config.pricing.models)).toBe(true);
  });
});
