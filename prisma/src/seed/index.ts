import type { PrismaClient } from '../../generated/client/client.ts';
import { isDatabaseEmpty, seedDemo, type DemoOptions, type DemoSummary } from './demo.ts';

export {
  DEFAULT_DEMO_PASSWORD,
  DEMO_HASH_KEY,
  ERASURE_DEMO_EMAIL,
  isDatabaseEmpty,
  seedDemo,
} from './demo.ts';
export type { DemoLogin, DemoOptions, DemoSummary } from './demo.ts';
export { subjectHash } from './hashing.ts';
export { BENCH_SUBJECT_EMAIL, seedScale } from './scale.ts';
export type { ScaleOptions, ScaleSummary } from './scale.ts';

/** Loads the demo data set into an empty database; returns undefined when there was data already. */
export async function seedDemoIfEmpty(
  prisma: PrismaClient,
  options: DemoOptions,
): Promise<DemoSummary | undefined> {
  return (await isDatabaseEmpty(prisma)) ? seedDemo(prisma, options) : undefined;
}
