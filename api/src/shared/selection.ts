import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Names (not aliases) of the fields a selection set asks for, through fragments and inline fragments. */
function selectedFields(
  info: GraphQLResolveInfo,
  selectionSet: SelectionSetNode | undefined,
  into: Map<string, SelectionSetNode[]>,
): void {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      const subselections = into.get(selection.name.value) ?? [];
      if (selection.selectionSet) subselections.push(selection.selectionSet);
      into.set(selection.name.value, subselections);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      selectedFields(info, selection.selectionSet, into);
    } else {
      selectedFields(info, info.fragments[selection.name.value]?.selectionSet, into);
    }
  }
}

function fieldsOf(info: GraphQLResolveInfo, selectionSets: readonly SelectionSetNode[]) {
  const fields = new Map<string, SelectionSetNode[]>();
  for (const selectionSet of selectionSets) selectedFields(info, selectionSet, fields);
  return fields;
}

/**
 * The fields a connection's caller selects on its nodes, under `edges { node }` and `nodes`, each
 * with the names of the fields selected inside it, so a list query can fetch the relations the page
 * will ask for together with the page. `@skip` and `@include` are not evaluated: a conditional
 * field counts as selected (fetched, perhaps unused).
 */
export function selectedNodeFields(info: GraphQLResolveInfo): Map<string, Set<string>> {
  const connection = fieldsOf(
    info,
    info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : [])),
  );
  const edges = fieldsOf(info, connection.get('edges') ?? []);
  const nodes = fieldsOf(info, [...(edges.get('node') ?? []), ...(connection.get('nodes') ?? [])]);
  return new Map(
    [...nodes].map(([name, selectionSets]) => [name, new Set(fieldsOf(info, selectionSets).keys())]),
  );
}
