import { loadEcharts } from '../lazyLibs';
import type { Indicator } from '../../../shared/domain/schemas';

/*
 * 目标与完成对比: one bar pair per indicator. Indicators have different
 * units (万元, %, 户), so the bars show each as a share of its own target
 * (target = 100 %) and the labels give the real figures.
 */

const fmt = (n: number) => String(Math.round(n * 100) / 100);

/** The indicators the chart shows (a target and an actual value, neither 0) and each one's completion in % of its target. */
export function indicatorChartData(indicators: readonly Indicator[]): { rows: Indicator[]; pct: number[] } {
  const rows = indicators.filter((i) => i.target !== null && i.actual !== null && i.target !== 0 && i.actual !== 0);
  const pct = rows.map((i) => Math.round((i.higherIsBetter ? i.actual! / i.target! : i.target! / i.actual!) * 1000) / 10);
  return { rows, pct };
}

/** The SVG of the chart, or null when no indicator has both a target and an actual value. */
export async function indicatorChartSvg(indicators: readonly Indicator[], size: { width: number; height: number }, fontFamily = 'sans-serif'): Promise<string | null> {
  const { rows, pct } = indicatorChartData(indicators);
  if (!rows.length) return null;
  const echarts = await loadEcharts();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily, fontSize: 11, color: '#000' },
      legend: { top: 0, data: ['目标', '完成'], textStyle: { fontFamily } },
      grid: { left: 48, right: 16, top: 32, bottom: 56 },
      xAxis: {
        type: 'category',
        data: rows.map((i) => i.name),
        axisLabel: { interval: 0, fontFamily, fontSize: 10, width: Math.max(40, (size.width - 80) / rows.length - 6), overflow: 'break' },
      },
      yAxis: { type: 'value', name: '完成目标的百分比', nameTextStyle: { fontFamily }, axisLabel: { formatter: '{value}%', fontFamily } },
      series: [
        {
          name: '目标',
          type: 'bar',
          data: rows.map(() => 100),
          itemStyle: { color: '#9db3d6' },
          label: { show: true, position: 'top', fontFamily, fontSize: 9, formatter: (p: { dataIndex: number }) => `${fmt(rows[p.dataIndex]!.target!)}${rows[p.dataIndex]!.unit}` },
        },
        {
          name: '完成',
          type: 'bar',
          data: pct,
          itemStyle: { color: '#c0392b' },
          label: { show: true, position: 'top', fontFamily, fontSize: 9, formatter: (p: { dataIndex: number }) => `${fmt(rows[p.dataIndex]!.actual!)}${rows[p.dataIndex]!.unit}` },
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
