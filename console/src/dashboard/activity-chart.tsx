import '@mantine/charts/styles.css';

import { BarChart } from '@mantine/charts';

interface ActivityChartProps {
  rows: Record<string, string | number>[];
  series: { name: string; color: string }[];
}

/** Weekly counts as bars; hidden from assistive technology, which gets the same numbers as a table. */
export function ActivityChart({ rows, series }: ActivityChartProps) {
  return (
    <div aria-hidden>
      <BarChart
        h={220}
        data={rows}
        dataKey="week"
        series={series}
        withLegend
        tickLine="y"
        // No keyboard stop inside the hidden chart: the table beside it carries the numbers.
        barChartProps={{ accessibilityLayer: false }}
      />
    </div>
  );
}
