import type { Permission } from '../auth/policy.ts';
import { hasPermission } from '../auth/viewer.ts';
import type { RequestContext } from '../shared/context.ts';
import { decodeGlobalId } from '../shared/global-id.ts';
import { markNodeType } from './node.interface.ts';

/** How `node`/`nodes` fetch objects of one GraphQL type. */
export interface NodeTypeRegistration {
  /** What the caller needs to see objects of this type at all; without it they are "not found". */
  permission: Permission;
  /**
   * The objects for these database ids, in the same order, null where there is none (or the caller
   * may not see it). Batch it: a DataLoader's `loadMany` fits.
   */
  load(context: RequestContext, ids: readonly string[]): Promise<ReadonlyArray<object | null | Error>>;
}

const registrations = new Map<string, NodeTypeRegistration>();

/**
 * Makes objects of `typeName` (the GraphQL type name in their global ids) fetchable by `node` and
 * `nodes`. Call it once, at module level, in the domain's resolver file.
 */
export function registerNodeType(typeName: string, registration: NodeTypeRegistration): void {
  if (registrations.has(typeName)) throw new Error(`Node type ${typeName} is registered twice`);
  registrations.set(typeName, registration);
}

export function registeredNodeTypes(): string[] {
  return [...registrations.keys()].sort();
}

/**
 * The objects behind global ids, in order: null for ids that are malformed, of an unknown type,
 * of a type the caller may not see, or of nothing. One batch per type.
 */
export async function loadNodes(
  context: RequestContext,
  globalIds: readonly string[],
): Promise<(object | null)[]> {
  const results: (object | null)[] = globalIds.map(() => null);
  const wanted = new Map<string, { positions: number[]; ids: string[] }>();
  globalIds.forEach((globalId, position) => {
    const decoded = decodeGlobalId(globalId);
    const registration = decoded && registrations.get(decoded.typeName);
    if (!decoded || !registration || !hasPermission(context.viewer, registration.permission)) return;
    const batch = wanted.get(decoded.typeName) ?? { positions: [], ids: [] };
    wanted.set(decoded.typeName, batch);
    batch.positions.push(position);
    batch.ids.push(decoded.id);
  });
  await Promise.all(
    [...wanted].map(async ([typeName, batch]) => {
      const loaded = await registrations.get(typeName)!.load(context, batch.ids);
      loaded.forEach((value, index) => {
        if (value instanceof Error) throw value;
        if (value !== null) results[batch.positions[index]!] = markNodeType(value, typeName);
      });
    }),
  );
  return results;
}
