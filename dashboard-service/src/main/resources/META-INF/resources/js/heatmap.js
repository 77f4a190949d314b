// The correlation heatmap: the lower triangle of the matrix (each pair of pairs once: 190 cells for 20 pairs),
// a diverging scale from -1 (blue) to +1 (red), r and observations on hover.
import * as echarts from '../webjars/echarts/5.3.1/dist/echarts.esm.min.js';
import { utc } from './format.js';

const COLOURS = ['#2166ac', '#4393c3', '#92c5de', '#d1e5f0', '#2d333b', '#fddbc7', '#f4a582', '#d6604d', '#b2182b'];

export class Heatmap {
  constructor(element, asOfLabel) {
    this.chart = echarts.init(element, null, { renderer: 'canvas' });
    this.asOfLabel = asOfLabel;
    window.addEventListener('resize', () => this.chart.resize());
  }

  /** A {@code correlation_matrix} frame: as_of, window, pairs, matrix (rows of r or null), observations. */
  show(frame) {
    this.asOf = frame.as_of;
    const pairs = frame.pairs;
    const cells = [];
    for (let i = 0; i < pairs.length; i++) {
      for (let j = 0; j < i; j++) {
        const r = frame.matrix[i][j];
        cells.push([j, i, r == null ? null : Number(r.toFixed(4)), frame.observations?.[i]?.[j] ?? null]);
      }
    }
    this.asOfLabel.textContent = `as of ${utc(frame.as_of)} UTC · ${frame.window} candles`;
    this.chart.setOption({
      backgroundColor: 'transparent',
      animation: false,
      grid: { left: 64, right: 16, top: 8, bottom: 64 },
      tooltip: {
        formatter: (p) => {
          const [x, y, r, n] = p.data;
          return `<b>${pairs[y]} / ${pairs[x]}</b><br>r = ${r == null ? 'not enough data' : r.toFixed(3)}`
            + (n == null ? '' : `<br>${n} common returns`);
        },
      },
      xAxis: { type: 'category', data: pairs, axisLabel: { rotate: 90, color: '#8b949e', fontSize: 10 },
        axisLine: { show: false }, axisTick: { show: false }, splitArea: { show: false } },
      yAxis: { type: 'category', data: pairs, inverse: true, axisLabel: { color: '#8b949e', fontSize: 10 },
        axisLine: { show: false }, axisTick: { show: false } },
      visualMap: { dimension: 2, min: -1, max: 1, calculable: false, orient: 'horizontal', right: 16, top: 0, itemHeight: 120,
        itemWidth: 10, text: ['+1', '-1'], textStyle: { color: '#8b949e' }, inRange: { color: COLOURS } },
      series: [{ type: 'heatmap', data: cells, emphasis: { itemStyle: { borderColor: '#fff', borderWidth: 1 } },
        itemStyle: { borderColor: '#0d1117', borderWidth: 1 } }],
    }, true);
  }

  /** A matrix read from the API: shown unless the stream has already brought this one or a newer one. */
  showIfNewer(frame) {
    if (!this.asOf || Date.parse(frame.as_of) > Date.parse(this.asOf)) this.show(frame);
  }

  /** Cells that hold a value (the browser test counts them). */
  valuedCells() {
    const series = this.chart.getOption().series;
    return series && series.length ? series[0].data.filter((d) => d[2] != null).length : 0;
  }
}
