import { describe, expect, it } from 'vitest';
import { addMonths, leadRetainUntil } from './lead-retention.ts';

const policy = { leadRetentionMonths: 24, engagedLegalRetentionMonths: 72 };
const createdAt = new Date('2026-01-31T10:00:00.000Z');
const chat = {
  source: 'CHAT' as const,
  createdAt,
  exportedAt: null,
  engagedAt: null,
  engagementEndedAt: null,
};

describe('leadRetainUntil', () => {
  it('leaves a chat lead never exported nor engaged on its conversation’s clock', () => {
    expect(leadRetainUntil(chat, policy)).toBeNull();
  });

  it('keeps a contact-form submission, or an exported lead, for the lead retention', () => {
    expect(leadRetainUntil({ ...chat, source: 'CONTACT_FORM' }, policy)).toEqual(
      new Date('2028-01-31T10:00:00.000Z'),
    );
    const exportedAt = new Date('2026-03-01T00:00:00.000Z');
    expect(leadRetainUntil({ ...chat, source: 'CONTACT_FORM', exportedAt }, policy)).toEqual(
      new Date('2028-03-01T00:00:00.000Z'),
    );
  });

  it('keeps an engaged lead with no date, then for the legal period after the engagement (the later rule wins)', () => {
    const engagedAt = new Date('2026-02-01T00:00:00.000Z');
    const exportedAt = new Date('2026-02-01T00:00:00.000Z');
    expect(leadRetainUntil({ ...chat, exportedAt, engagedAt }, policy)).toBeNull();
    const engagementEndedAt = new Date('2026-06-30T00:00:00.000Z');
    expect(leadRetainUntil({ ...chat, exportedAt, engagedAt, engagementEndedAt }, policy)).toEqual(
      new Date('2032-06-30T00:00:00.000Z'),
    );
    expect(
      leadRetainUntil(
        { ...chat, exportedAt, engagedAt, engagementEndedAt },
        { ...policy, engagedLegalRetentionMonths: 1 },
      ),
    ).toEqual(new Date('2028-02-01T00:00:00.000Z'));
  });

  it('adds calendar months clamped to the month’s last day', () => {
    expect(addMonths(createdAt, 1)).toEqual(new Date('2026-02-28T10:00:00.000Z'));
    expect(addMonths(new Date('2027-12-31T00:00:00.000Z'), 2)).toEqual(new Date('2028-02-29T00:00:00.000Z'));
  });
});
