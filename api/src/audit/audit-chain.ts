import { createHash } from 'node:crypto';

/** Hash of the (empty) chain before the first event. */
export const genesisHash = '0'.repeat(64);

/** JSON with object keys sorted, so equal values always hash the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function hashDetails(details: unknown): string {
  return sha256(canonicalJson(details ?? null));
}

/** The part of an event the chain protects. Details are covered through their hash only, so they can be redacted. */
export interface ChainedSkeleton {
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetIds: string[];
  requestId: string | null;
  detailsHash: string;
}

export function chainHash(prevHash: string, skeleton: ChainedSkeleton): string {
  return sha256(
    `${prevHash}\n${canonicalJson({ ...skeleton, occurredAt: skeleton.occurredAt.toISOString() })}`,
  );
}
