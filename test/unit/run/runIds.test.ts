import { describe, expect, it } from 'vitest';
import { newTraceId, newWorkflowId } from '../../../src/run/runIds';

describe('run ids', () => {
  it('workflow ids are wf- followed by 8 lowercase hex digits', () => {
    for (let i = 0; i < 50; i++) expect(newWorkflowId()).toMatch(/^wf-[0-9a-f]{8}$/);
  });

  it('trace ids are 32 lowercase hex digits', () => {
    for (let i = 0; i < 50; i++) expect(newTraceId()).toMatch(/^[0-9a-f]{32}$/);
  });

  it('ids differ between runs', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newWorkflowId()));
    expect(ids.size).toBe(100);
    expect(newTraceId()).not.toBe(newTraceId());
  });
});
