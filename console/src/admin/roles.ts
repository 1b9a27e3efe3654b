import type { Role } from '../graphql/generated/graphql.ts';

export const roleDescriptions: Record<Role, string> = {
  SALES: 'Sales: triages leads and reads the transcripts behind them',
  PRIVACY: 'Privacy: answers data-subject requests, runs erasures, watches retention',
  ADMIN: 'Admin: manages staff, API tokens and sites; no personal data by itself',
};

export const roles = Object.keys(roleDescriptions) as Role[];
