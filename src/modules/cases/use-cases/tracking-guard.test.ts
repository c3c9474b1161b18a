import { describe, expect, it } from 'vitest';
import { TrackingGuard } from './tracking-guard.ts';

describe('TrackingGuard', () => {
  const limits = { perNumber: 3, perPhone: 3, perAddress: 5, windowMs: 60 * 60_000 };

  it('blocks a case number after its failures, from any address, until they leave the window', () => {
    let now = 0;
    const guard = new TrackingGuard(limits, () => now);
    for (let i = 0; i < 3; i++) {
      expect(guard.blockedFor({ number: 'A1', phoneHash: `h${i}`, address: `10.0.0.${i}` })).toBe(0);
      guard.failed({ number: 'A1', phoneHash: `h${i}`, address: `10.0.0.${i}` });
    }
    expect(guard.blockedFor({ number: 'A1', phoneHash: 'h9', address: '10.9.9.9' })).toBe(60);
    expect(guard.blockedFor({ number: 'A2', phoneHash: 'h9', address: '10.9.9.9' })).toBe(0);
    now = 30 * 60_000;
    expect(guard.blockedFor({ number: 'A1', phoneHash: 'h9', address: undefined })).toBe(30);
    now = 60 * 60_000 + 1;
    expect(guard.blockedFor({ number: 'A1', phoneHash: 'h9', address: undefined })).toBe(0);
  });

  it('blocks a phone tried against many case numbers, and an address trying many pairs', () => {
    const guard = new TrackingGuard(limits, () => 0);
    for (let i = 0; i < 3; i++) guard.failed({ number: `N${i}`, phoneHash: 'same', address: `10.0.0.${i}` });
    expect(guard.blockedFor({ number: 'N9', phoneHash: 'same', address: '10.1.1.1' })).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) guard.failed({ number: `M${i}`, phoneHash: `x${i}`, address: '10.2.2.2' });
    expect(guard.blockedFor({ number: 'M9', phoneHash: 'y', address: '10.2.2.2' })).toBeGreaterThan(0);
    expect(guard.blockedFor({ number: 'M9', phoneHash: 'y', address: '10.3.3.3' })).toBe(0);
  });
});
