import { describe, expect, it } from 'vitest';
import { detectContacts, leadDetailsOf, normalizePhone } from './contact-details.ts';

describe('lead capture and contact detection', () => {
  it('trims and lower-cases the email for matching and keeps it as typed', () => {
    expect(leadDetailsOf({ email: '  Ada@Example.COM ', name: ' Ada ' }, null)).toEqual({
      lead: {
        name: 'Ada',
        jobTitle: null,
        email: 'Ada@Example.COM',
        emailNormalized: 'ada@example.com',
        phone: null,
        company: null,
      },
      problems: [],
    });
  });

  it('reads phone numbers in E.164, national ones in the visitor’s country', () => {
    expect(normalizePhone('+1 (415) 555-2671', null)).toBe('+14155552671');
    expect(normalizePhone('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(normalizePhone('020 7946 0958', null)).toBeUndefined();
  });

  it('names each invalid field and captures no lead from blanks', () => {
    expect(
      leadDetailsOf({ email: 'ada@', phone: '12345' }, 'GB').problems.map((problem) => problem.path),
    ).toEqual(['contact.email', 'contact.phone']);
    expect(leadDetailsOf({ name: '  ', company: '' }, null)).toEqual({ lead: null, problems: [] });
  });

  it('finds emails and phone numbers typed in text, once each', () => {
    const text =
      'Write to Ada@Example.com or ada@example.com, call +44 20 7946 0958 or 020 7946 0958. Order 123456.';
    expect(detectContacts(text, 'GB')).toEqual([
      { kind: 'EMAIL', value: 'ada@example.com' },
      { kind: 'PHONE', value: '+442079460958' },
    ]);
    expect(detectContacts('No contact here, order 12345 on 2026-04-27', 'GB')).toEqual([]);
  });
});
