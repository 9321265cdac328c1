import { useEffect, useRef, useState } from 'react';
import type { EChartsType } from 'echarts/core';
import type { ChartOption } from './echarts-setup.ts';

export type { ChartOption };

/**
 * A chart in the element the returned ref is put on: ECharts is imported when the first chart
 * mounts, the chart follows the element's size, gets `option` whenever it changes (give it a
 * memoised object) and reports clicks on a data item by its index.
 * @example
 * const ref = useECharts(option, (i) => drill(groups[i]));
 * <div ref={ref} role="img" aria-label="…" style={{ height: 280 }} />
 */
export function useECharts(option: ChartOption | null, onItemClick?: (dataIndex: number) => void) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const click = useRef(onItemClick);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    click.current = onItemClick;
  });
  useEffect(() => {
    let gone = false;
    let observer: ResizeObserver | undefined;
    void import('./echarts-setup.ts').then(({ echarts }) => {
      const el = ref.current;
      if (gone || !el) return;
      const instance = echarts.init(el, undefined, { renderer: 'canvas' });
      instance.on('click', (p) => {
        if (typeof p.dataIndex === 'number') click.current?.(p.dataIndex);
      });
      observer = new ResizeObserver(() => instance.resize());
      observer.observe(el);
      chart.current = instance;
      setReady(true);
    });
    return () => {
      gone = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    if (ready && option) chart.current?.setOption(option, { notMerge: true });
  }, [ready, option]);
  return ref;
}
