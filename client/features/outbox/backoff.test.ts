import { describe, expect, it } from 'vitest';
import { BASE_DELAY_MS, backoffDelay, MAX_DELAY_MS, retryAfterMs } from './backoff';

describe('backoffDelay', () => {
  it('doubles from the base delay, without jitter at the middle of the range', () => {
    const middle = () => 0.5;
    expect(backoffDelay(1, middle)).toBe(BASE_DELAY_MS);
    expect(backoffDelay(2, middle)).toBe(2 * BASE_DELAY_MS);
    expect(backoffDelay(4, middle)).toBe(8 * BASE_DELAY_MS);
  });

  it('never waits more than the cap, jitter included', () => {
    expect(backoffDelay(40, () => 1)).toBeLessThanOrEqual(MAX_DELAY_MS * 1.2);
    expect(backoffDelay(40, () => 0)).toBe(MAX_DELAY_MS * 0.8);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
  });

  it('is null when absent or unreadable', () => {
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });
});
