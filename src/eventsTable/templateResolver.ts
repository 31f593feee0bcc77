/**
 * Reads a CloudFormation template the way CloudFormation would for a given set of parameter
 * values: parameters and conditions are evaluated, `Fn::If` picks its branch and
 * `AWS::NoValue` removes the property or list item. Only what the table's properties use is
 * supported; other intrinsics (GetAtt, Sub, ...) are left as they are.
 */
import { parseDocument } from 'yaml';

export type TemplateParameters = Readonly<Record<string, string>>;

export interface ParsedTemplate {
  Parameters?: Record<string, { Default?: unknown; Type?: string }>;
  Conditions?: Record<string, unknown>;
  Resources?: Record<string, { Type: string; Condition?: string; Properties?: Record<string, unknown> }>;
}

/** The long form each short-form tag stands for (`!Ref x` → `{ Ref: x }`, `!If` → `Fn::If`). */
const TAGS = ['Ref', 'Condition', 'GetAtt', 'Sub', 'Join', 'If', 'Equals', 'Not', 'And', 'Or', 'Select', 'Split']
  .concat(['FindInMap', 'ImportValue', 'Base64', 'GetAZs'])
  .flatMap((name) =>
    (['scalar', 'seq', 'map'] as const).map((nodeClass) => ({
      tag: `!${name}`,
      collection: nodeClass === 'scalar' ? undefined : nodeClass,
      resolve: (value: unknown) => ({
        [name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`]: toPlain(value),
      }),
    })),
  );

function toPlain(value: unknown): unknown {
  const node = value as { toJSON?: () => unknown; value?: unknown } | null;
  if (node && typeof node === 'object' && typeof node.toJSON === 'function') return node.toJSON();
  if (node && typeof node === 'object' && 'value' in node) return node.value;
  return value;
}

export function parseTemplate(text: string): ParsedTemplate {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const doc = parseDocument(text, { customTags: TAGS as any });
  if (doc.errors.length) throw new Error(`Invalid template YAML: ${doc.errors[0].message}`);
  return doc.toJS() as ParsedTemplate;
}

const NO_VALUE = Symbol('AWS::NoValue');

export class TemplateResolver {
  private readonly values: Record<string, string> = {};
  private readonly conditions = new Map<string, boolean>();

  constructor(
    private readonly template: ParsedTemplate,
    overrides: TemplateParameters = {},
  ) {
    for (const [name, param] of Object.entries(template.Parameters ?? {})) {
      if (param.Default !== undefined) this.values[name] = String(param.Default);
    }
    for (const [name, value] of Object.entries(overrides)) {
      if (!(name in (template.Parameters ?? {}))) throw new Error(`The template has no parameter "${name}".`);
      this.values[name] = value;
    }
  }

  parameter(name: string): string | undefined {
    return this.values[name];
  }

  condition(name: string): boolean {
    const known = this.conditions.get(name);
    if (known !== undefined) return known;
    const definition = this.template.Conditions?.[name];
    if (definition === undefined) throw new Error(`The template has no condition "${name}".`);
    const result = this.truth(definition);
    this.conditions.set(name, result);
    return result;
  }

  /** The value with every parameter, condition and `Fn::If` resolved; undefined for NoValue. */
  resolve(value: unknown): unknown {
    const resolved = this.walk(value);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  private walk(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.walk(v)).filter((v) => v !== NO_VALUE);
    if (typeof value !== 'object' || value === null) return value;
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 1 && keys[0] === 'Ref') {
      const name = String(obj.Ref);
      if (name === 'AWS::NoValue') return NO_VALUE;
      return name in this.values ? this.values[name] : obj;
    }
    if (keys.length === 1 && keys[0] === 'Fn::If') {
      const [condition, whenTrue, whenFalse] = obj['Fn::If'] as [string, unknown, unknown];
      return this.walk(this.condition(condition) ? whenTrue : whenFalse);
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const v = this.walk(obj[key]);
      if (v !== NO_VALUE) out[key] = v;
    }
    return out;
  }

  private truth(definition: unknown): boolean {
    const obj = definition as Record<string, unknown>;
    if ('Condition' in obj) return this.condition(String(obj.Condition));
    if ('Fn::Equals' in obj) {
      const [a, b] = (obj['Fn::Equals'] as unknown[]).map((v) => String(this.walk(v)));
      return a === b;
    }
    if ('Fn::Not' in obj) return !this.truth((obj['Fn::Not'] as unknown[])[0]);
    if ('Fn::And' in obj) return (obj['Fn::And'] as unknown[]).every((c) => this.truth(c));
    if ('Fn::Or' in obj) return (obj['Fn::Or'] as unknown[]).some((c) => this.truth(c));
    throw new Error(`Unsupported condition in the template: ${JSON.stringify(definition)}`);
  }
}
