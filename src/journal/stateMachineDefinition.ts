/**
 * The session state machine's definition, read from infrastructure/session-journal.asl.json (the
 * one copy; the template's inline Definition is generated from it) and filled in the way
 * CloudFormation's DefinitionSubstitutions fills it: `${Name}` replaced by text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ASL_RELATIVE_PATH = path.join('infrastructure', 'session-journal.asl.json');

export interface DefinitionSubstitutions {
  JournalTableName: string;
  InvokerFunctionArn: string;
  MaxAttempts: number;
  WaitSeconds: number;
}

export function loadDefinitionText(root: string): string {
  return readFileSync(path.join(root, ASL_RELATIVE_PATH), 'utf8');
}

/** The definition with its placeholders filled; an unknown placeholder is an error, not left in. */
export function substituteDefinition(text: string, values: DefinitionSubstitutions): Record<string, unknown> {
  const filled = text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_whole, name: string) => {
    if (!(name in values)) throw new Error(`The state machine definition uses \${${name}}, which has no substitution.`);
    // Values land inside JSON strings: escape them as JSON would.
    return JSON.stringify(String(values[name as keyof DefinitionSubstitutions])).slice(1, -1);
  });
  return JSON.parse(filled) as Record<string, unknown>;
}
