/**
 * Fills the placeholders of a Python template (a real .py file under templates/, valid Python as it
 * stands, so it is compiled and linted like any module). What the user designed reaches the code
 * only through these four forms, each escaped for where it stands:
 *
 *   "{{key}}"            a string literal            → pyStr(value): ASCII, every quote escaped
 *   __tpl_key__          an identifier (or a list)   → value checked to be [A-Za-z_][A-Za-z0-9_]*
 *   # ... {{key}}        text inside a comment       → commentText(value): one printable line
 *   # {{#key}} … # {{/key}}  lines repeated once per item of the list `key`
 *
 * A key the values do not define, a {{key}} outside a comment or anything left unfilled throws:
 * a template mistake fails the tests rather than producing a project that does not run.
 */
import { commentText, pyStr } from './pythonText';

export type TemplateValue = string | string[] | TemplateValues[];
export interface TemplateValues {
  [key: string]: TemplateValue;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const BLOCK = /^\s*# \{\{([#/])([a-z_]+)\}\}\s*$/;

function lookup(scopes: TemplateValues[], key: string): TemplateValue {
  for (const scope of scopes) if (Object.prototype.hasOwnProperty.call(scope, key)) return scope[key];
  throw new Error(`Python template: no value for "${key}".`);
}

function text(scopes: TemplateValues[], key: string): string {
  const value = lookup(scopes, key);
  if (typeof value !== 'string') throw new Error(`Python template: "${key}" must be text.`);
  return value;
}

function identifiers(scopes: TemplateValues[], key: string): string {
  const value = lookup(scopes, key);
  const list = typeof value === 'string' ? [value] : value;
  for (const item of list) {
    if (typeof item !== 'string' || !IDENTIFIER.test(item)) {
      throw new Error(`Python template: "${key}" must be identifiers, got ${JSON.stringify(item)}.`);
    }
  }
  return (list as string[]).join(', ');
}

const PLACEHOLDER = /"\{\{([a-z_]+)\}\}"|__tpl_([a-z_]+?)__|\{\{([a-z_]+)\}\}/g;

/** One pass over the template's line: inserted values are never scanned again. */
function fillLine(line: string, scopes: TemplateValues[]): string {
  if (/\{\{|__tpl_/.test(line.replace(PLACEHOLDER, '')))
    throw new Error(`Python template: malformed placeholder in ${line}`);
  const hash = line.indexOf('#');
  return line.replace(PLACEHOLDER, (match: string, str?: string, ident?: string, comment?: string, offset = 0) => {
    if (str) return pyStr(text(scopes, str));
    if (ident) return identifiers(scopes, ident);
    if (hash < 0 || offset < hash) throw new Error(`Python template: ${match} outside a comment or a string.`);
    return commentText(text(scopes, comment!));
  });
}

function render(lines: string[], scopes: TemplateValues[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = BLOCK.exec(lines[i]);
    if (!open) {
      out.push(fillLine(lines[i], scopes));
      continue;
    }
    const key = open[2];
    if (open[1] === '/') throw new Error(`Python template: "{{/${key}}}" without its opening line.`);
    const end = lines.findIndex((l, j) => j > i && BLOCK.exec(l)?.[1] === '/' && BLOCK.exec(l)?.[2] === key);
    if (end < 0) throw new Error(`Python template: "{{#${key}}}" is never closed.`);
    const items = lookup(scopes, key);
    if (!Array.isArray(items) || items.some((item) => typeof item !== 'object')) {
      throw new Error(`Python template: "${key}" must be a list of values.`);
    }
    for (const item of items as TemplateValues[]) out.push(...render(lines.slice(i + 1, end), [item, ...scopes]));
    i = end;
  }
  return out;
}

export function fillTemplate(template: string, values: TemplateValues): string {
  return render(template.split('\n'), [values]).join('\n');
}
