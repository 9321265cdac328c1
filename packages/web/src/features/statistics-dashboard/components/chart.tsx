import { useECharts, type ChartOption } from './use-echarts.ts';

/**
 * One chart, described for screen readers by `label` (the numbers themselves are in the tables and
 * figures beside it, which keyboard users reach as well).
 */
export function Chart({ option, label, height = 280, onItemClick, testId }: { option: ChartOption | null; label: string; height?: number; onItemClick?: (dataIndex: number) => void; testId?: string }) {
  const ref = useECharts(option, onItemClick);
  return <div ref={ref} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />;
}
