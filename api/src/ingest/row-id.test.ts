import { describe, expect, it } from 'vitest';
import { uuidV7 } from './row-id.ts';

describe('uuidV7', () => {
  it('puts the millisecond first, then version 7, the RFC variant and random bits', () => {
    const at = Date.UTC(2026, 10, 22, 5, 40);
    const ids = Array.from({ length: 1000 }, () => uuidV7(at));
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(at);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(uuidV7(at + 1) > uuidV7(at)).toBe(true);
  });
});
