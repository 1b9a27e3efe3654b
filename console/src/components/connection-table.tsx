import {
  type ColumnDef,
  getCoreRowModel,
  type Table as TableInstance,
  useReactTable,
} from '@tanstack/react-table';
import { type ReactNode, useCallback, useMemo, useState } from 'react';

import { DataTable } from './data-table.tsx';
import { EmptyState, ErrorState, LoadingState } from './query-state.tsx';

/**
 * The nodes of a Relay connection, and a table of them whose rows are keyed by `idOf`: what a plain
 * (unselectable) ConnectionTable shows.
 */
export function useNodeTable<Node>(
  connection: { edges: readonly { node: Node }[] } | undefined,
  // TanStack's column helper types each column by its value, so a column list mixes value types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<Node, any>[],
  idOf: (node: Node) => string,
): { rows: Node[]; table: TableInstance<Node> } {
  const rows = useMemo(() => connection?.edges.map((edge) => edge.node) ?? [], [connection]);
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel(), getRowId: idOf });
  return { rows, table };
}

interface ConnectionTableProps<Row> {
  table: TableInstance<Row>;
  label: string;
  /** The Relay connection as loaded so far; undefined until the first page arrives. */
  connection:
    | {
        /** Undefined while not (yet) counted. */
        totalCount?: number;
        pageInfo: { hasNextPage: boolean; endCursor?: string | null };
      }
    | undefined;
  error: unknown;
  onRetry: () => void;
  /** Loads the page after this cursor (Apollo's fetchMore; the cache merges the pages). */
  onFetchMore: (after: string) => Promise<unknown>;
  loadingLabel: string;
  emptyTitle: string;
  emptyHint: ReactNode;
  estimatedRowHeight?: number;
}

/** A paginated list's loading, error and empty states, or its rows with infinite loading. */
export function ConnectionTable<Row>({
  table,
  label,
  connection,
  error,
  onRetry,
  onFetchMore,
  loadingLabel,
  emptyTitle,
  emptyHint,
  estimatedRowHeight,
}: ConnectionTableProps<Row>) {
  const [loadingMore, setLoadingMore] = useState(false);
  const endCursor = connection?.pageInfo.endCursor;
  const hasMore = connection?.pageInfo.hasNextPage ?? false;
  const loadMore = useCallback(() => {
    if (!hasMore || !endCursor || loadingMore) return;
    setLoadingMore(true);
    void onFetchMore(endCursor).finally(() => setLoadingMore(false));
  }, [hasMore, endCursor, loadingMore, onFetchMore]);

  if (error && !connection) return <ErrorState error={error} onRetry={onRetry} />;
  if (!connection) return <LoadingState label={loadingLabel} />;
  if (table.getRowModel().rows.length === 0) return <EmptyState title={emptyTitle}>{emptyHint}</EmptyState>;
  return (
    <DataTable
      table={table}
      label={label}
      totalCount={connection.totalCount}
      hasMore={hasMore}
      loadingMore={loadingMore}
      onLoadMore={loadMore}
      estimatedRowHeight={estimatedRowHeight}
    />
  );
}
