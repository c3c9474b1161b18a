import { describe, expect, it } from 'vitest';
import { admissionDecision } from './rules.ts';

describe('task admission', () => {
  it('assigns a task on the statutory or assisting list', () => {
    expect(admissionDecision({ list: 'statutory', active: true }, undefined)).toEqual({ status: 'assigned' });
    expect(admissionDecision({ list: 'assisting', active: true }, 'x')).toEqual({ status: 'assigned' });
  });

  it('refuses the negative list, the certificate list and withdrawn entries', () => {
    for (const entry of [{ list: 'negative', active: true }, { list: 'certificate', active: true }, { list: 'statutory', active: false }] as const) {
      expect(admissionDecision(entry, '理由充分')).toHaveProperty('refused');
    }
  });

  it('refuses a task on no list unless the street is asked to review it', () => {
    expect(admissionDecision(null, undefined)).toHaveProperty('refused');
    expect(admissionDecision(null, '防汛临时排查')).toEqual({ status: 'under_review' });
  });
});
