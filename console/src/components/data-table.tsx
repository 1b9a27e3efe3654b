import { Button, Group, Table, Text } from '@mantine/core';
import { flexRender, type Table as TableInstance } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';

const selectedRowStyle = {
  background: 'var(--mantine-color-gray-0)',
  boxShadow: 'inset 4px 0 0 var(--mantine-primary-color-filled)',
};

interface DataTableProps<Row> {
  table: TableInstance<Row>;
  /** Names the table and its scroll region for assistive technology. */
  label: string;
  /** How many rows match across all pages, when known. */
  totalCount?: number;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  /** Row height before it is measured, in pixels. */
  estimatedRowHeight?: number;
}

/**
 * A TanStack table in a scrolling region that renders only the rows in view (lists run to thousands
 * of rows) and loads the next page as the end comes into view; "Load more" does the same from the
 * keyboard.
 */
export function DataTable<Row>({
  table,
  label,
  totalCount,
  hasMore,
  loadingMore,
  onLoadMore,
  estimatedRowHeight = 52,
}: DataTableProps<Row>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { rows } = table.getRowModel();
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimatedRowHeight,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= rows.length - 5) onLoadMore();
  }, [hasMore, loadingMore, lastIndex, rows.length, onLoadMore]);

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const columnCount = table.getVisibleLeafColumns().length;

  return (
    <div>
      <div
        ref={scrollRef}
        role="region"
        aria-label={label}
        // Focusable, so keyboard users can scroll it.
        tabIndex={0}
        style={{ maxHeight: 'max(360px, calc(100vh - 300px))', overflow: 'auto' }}
      >
        <Table stickyHeader highlightOnHover aria-label={label} aria-rowcount={totalCount ?? rows.length}>
          <Table.Thead>
            {table.getHeaderGroups().map((headerGroup) => (
              <Table.Tr key={headerGroup.id}>
                {headerGroup.headers.map((header) => (
                  <Table.Th key={header.id} style={{ width: header.column.columnDef.size }}>
                    {header.isPlaceholder
                      ? null
                      : flexRender(header.column.columnDef.header, header.getContext())}
                  </Table.Th>
                ))}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody>
            {paddingTop > 0 && (
              <tr aria-hidden>
                <td colSpan={columnCount} style={{ height: paddingTop, padding: 0 }} />
              </tr>
            )}
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <Table.Tr
                  key={row.id}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  aria-rowindex={item.index + 2}
                  // A bar and a faint tint: links keep AA contrast on the tint (the primary light colour has 3.9:1).
                  style={row.getIsSelected() ? selectedRowStyle : undefined}
                >
                  {row.getVisibleCells().map((cell) => (
                    <Table.Td key={cell.id} style={{ verticalAlign: 'top' }}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
            {paddingBottom > 0 && (
              <tr aria-hidden>
                <td colSpan={columnCount} style={{ height: paddingBottom, padding: 0 }} />
              </tr>
            )}
          </Table.Tbody>
        </Table>
      </div>
      <Group justify="space-between" mt="sm">
        <Text size="sm" c="dimmed" role="status">
          {totalCount === undefined
            ? `${rows.length} shown`
            : `${rows.length.toLocaleString('en')} of ${totalCount.toLocaleString('en')} shown`}
        </Text>
        {hasMore && (
          <Button variant="default" size="xs" onClick={onLoadMore} loading={loadingMore}>
            Load more
          </Button>
        )}
      </Group>
    </div>
  );
}
