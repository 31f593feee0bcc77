/** The definition's placeholders filled as CloudFormation fills them, safely. */
import { describe, expect, it } from 'vitest';
import { substituteDefinition } from '../../../src/journal/stateMachineDefinition';

const values = {
  JournalTableName: 'journal',
  InvokerFunctionArn: 'arn:aws:lambda:us-east-1:1:function:f',
  MaxAttempts: 3,
  WaitSeconds: 5,
};

describe('substituteDefinition', () => {
  it('fills each placeholder as text', () => {
    const out = substituteDefinition('{"a":"${JournalTableName}","b":"${MaxAttempts}","c":"x-${WaitSeconds}"}', values);
    expect(out).toEqual({ a: 'journal', b: '3', c: 'x-5' });
  });

  it('escapes values so they cannot break out of their JSON string', () => {
    const out = substituteDefinition('{"a":"${JournalTableName}"}', { ...values, JournalTableName: 'a"b\\c' });
    expect(out).toEqual({ a: 'a"b\\c' });
  });

  it('refuses a placeholder it has no value for', () => {
    expect(() => substituteDefinition('{"a":"${Unknown}"}', values)).toThrow(/\$\{Unknown\}/);
  });
});
