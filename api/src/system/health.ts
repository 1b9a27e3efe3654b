import { isDatabaseUp, type Database } from '../shared/database.ts';

export const productVersion = '0.1.0';

/** What `/healthz` answers: load balancers read the status code, people read the body. */
export interface HealthReport {
  status: 'ok' | 'error';
  database: 'up' | 'down';
  version: string;
}

export async function checkHealth(database: Database): Promise<HealthReport> {
  const up = await isDatabaseUp(database);
  return { status: up ? 'ok' : 'error', database: up ? 'up' : 'down', version: productVersion };
}
