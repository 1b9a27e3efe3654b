import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { DomainError } from './errors.ts';

export const maxPageSize = 100;
export const defaultPageSize = 20;

/** Relay's forward and backward pagination arguments, shared by every connection field. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Returns the first n elements (1–${maxPageSize}).` })
  @Min(1)
  @Max(maxPageSize)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Returns the elements after this cursor.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Returns the last n elements (1–${maxPageSize}).` })
  @Min(1)
  @Max(maxPageSize)
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Returns the elements before this cursor.' })
  before?: string | null;
}

/** Where a page starts and which way it reads, decoded from ConnectionArgs. */
export interface PageRequest {
  direction: 'forward' | 'backward';
  limit: number;
  /** The keyset position to continue from: the sort value and id of the cursor's row. */
  after: CursorPosition | undefined;
}

export type CursorPosition = readonly [sortValue: string | number | null, id: string];

/** Cursors are opaque to clients: base64url of the row's sort value and id. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, argumentName: string): CursorPosition {
  try {
    if (cursor.length > 500) throw new Error('too long');
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      (value[0] === null || typeof value[0] === 'string' || typeof value[0] === 'number') &&
      typeof value[1] === 'string'
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // Falls through to the error below: any undecodable cursor is the caller's mistake.
  }
  throw new DomainError('BAD_USER_INPUT', `${argumentName} is not a valid cursor`, {
    argument: argumentName,
  });
}

export function toPageRequest(args: ConnectionArgs): PageRequest {
  if (args.first != null && args.last != null) {
    throw new DomainError('BAD_USER_INPUT', 'Pass either first or last, not both', { argument: 'first' });
  }
  if (args.after != null && args.before != null) {
    throw new DomainError('BAD_USER_INPUT', 'Pass either after or before, not both', { argument: 'after' });
  }
  if (args.last != null || args.before != null) {
    return {
      direction: 'backward',
      limit: args.last ?? defaultPageSize,
      after: args.before != null ? decodeCursor(args.before, 'before') : undefined,
    };
  }
  return {
    direction: 'forward',
    limit: args.first ?? defaultPageSize,
    after: args.after != null ? decodeCursor(args.after, 'after') : undefined,
  };
}

@ObjectType({ description: 'Where a page sits in its connection, for fetching the next or previous one.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more elements follow this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether elements precede this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first element of the page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last element of the page.' })
  endCursor!: string | null;
}

export interface Edge<TNode> {
  cursor: string;
  node: TNode;
}

/** The shape every connection class has; built by `buildConnection`. */
export interface ConnectionShape<TNode> {
  edges: Edge<TNode>[];
  nodes: TNode[];
  pageInfo: PageInfo;
  /** Counted only when a client asks for totalCount. */
  countTotal: () => Promise<number>;
}

/**
 * A Relay connection type for `nodeClass`: `<Node>Connection` with edges, nodes, pageInfo and
 * totalCount, and `<Node>Edge`. Extend the returned class to name and describe the connection.
 */
export function Connection<TNode extends object>(nodeClass: ClassType<TNode>, nodeDescription: string) {
  @ObjectType(`${nodeClass.name}Edge`, { description: `An edge to ${nodeDescription}, with its cursor.` })
  class EdgeClass {
    @Field(() => String, { description: 'Opaque cursor of this edge, for `after` and `before`.' })
    cursor!: string;

    @Field(() => nodeClass, {
      description: `${nodeDescription.charAt(0).toUpperCase()}${nodeDescription.slice(1)} at the end of the edge.`,
    })
    node!: TNode;
  }

  // Not in the schema itself: only the named subclasses that resolvers return are.
  @ObjectType()
  abstract class ConnectionClass implements ConnectionShape<TNode> {
    @Field(() => [EdgeClass], { description: 'The edges of this page.' })
    edges!: EdgeClass[];

    @Field(() => [nodeClass], { description: 'The nodes of this page, without cursors.' })
    nodes!: TNode[];

    @Field(() => PageInfo, { description: 'Information to fetch the next or previous page.' })
    pageInfo!: PageInfo;

    countTotal!: () => Promise<number>;

    @Field(() => Int, { description: 'How many elements match, across all pages.' })
    totalCount(): Promise<number> {
      return this.countTotal();
    }
  }
  return ConnectionClass;
}

/**
 * Turns rows fetched for a page into a connection. `rows` must hold up to `limit + 1` rows in the
 * page's reading direction (the extra row only tells whether another page exists).
 */
export function buildConnection<TNode, TConnection extends ConnectionShape<TNode>>(
  connectionClass: new () => TConnection,
  request: PageRequest,
  rows: TNode[],
  positionOf: (node: TNode) => CursorPosition,
  countTotal: () => Promise<number>,
): TConnection {
  const hasMore = rows.length > request.limit;
  const page = rows.slice(0, request.limit);
  if (request.direction === 'backward') page.reverse();
  const edges = page.map((node) => ({ cursor: encodeCursor(positionOf(node)), node }));
  const connection = new connectionClass();
  connection.edges = edges;
  connection.nodes = page;
  connection.pageInfo = {
    hasNextPage: request.direction === 'forward' ? hasMore : request.after !== undefined,
    hasPreviousPage: request.direction === 'backward' ? hasMore : request.after !== undefined,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
  connection.countTotal = countTotal;
  return connection;
}
