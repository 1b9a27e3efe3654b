import type {
  PrivacyRequestChannel,
  PrivacyRequestStatus,
  PrivacyRequestType,
} from '../graphql/generated/graphql.ts';

export const requestTypes: readonly PrivacyRequestType[] = [
  'ACCESS',
  'ERASURE',
  'PORTABILITY',
  'RECTIFICATION',
  'RESTRICTION',
  'OBJECTION',
  'WITHDRAW_CONSENT',
];

export const requestChannels: readonly PrivacyRequestChannel[] = ['EMAIL', 'FORM', 'PHONE', 'OTHER'];

export const requestStatuses: readonly PrivacyRequestStatus[] = [
  'RECEIVED',
  'VERIFIED',
  'IN_PROGRESS',
  'EXTENDED',
  'COMPLETED',
  'REJECTED',
];
