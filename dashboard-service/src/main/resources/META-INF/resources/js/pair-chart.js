// The chart of one pair: candles (ingest API), close with Bollinger bands and HV20 (analytics API) over the last
// N hours, then extended by the live metrics and candle messages of that pair.
import * as echarts from '../webjars/echarts/5.3.1/dist/echarts.esm.min.js';
import { pct, price } from './format.js';
import { getJson } from './api.js';

const HOUR_MS = 3600 * 1000;

export class PairChart {
  constructor(element, title, note, settings) {
    this.chart = echarts.init(element, null, { renderer: 'canvas' });
    this.title = title;
    this.note = note;
    this.settings = settings;
    this.metrics = new Map(); // time ms -> metrics row
    this.candles = new Map(); // time ms -> [o, c, l, h]
    window.addEventListener('resize', () => this.chart.resize());
  }

  /** Shows a pair: reads its last history_hours ending at {@code until} (its newest metrics time) from the APIs. */
  async show(pair, until) {
    this.pair = pair;
    this.metrics.clear();
    this.candles.clear();
    this.title.textContent = pair;
    this.note.textContent = 'loading history…';
    this.render();
    const end = until ? Date.parse(until) + HOUR_MS : Date.now();
    const from = new Date(end - this.settings.history_hours * HOUR_MS).toISOString();
    const to = new Date(end).toISOString();
    const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=5000`;
    const [metrics, candles] = await Promise.allSettled([
      getJson(`${this.settings.analytics_url}/metrics/${pair}?${query}`),
      getJson(`${this.settings.ingest_url}/candles/${pair}?granularity=${this.settings.granularity}&${query}`),
    ]);
    if (this.pair !== pair) return; // another pair was chosen meanwhile
    if (metrics.status === 'fulfilled') metrics.value.forEach((m) => this.metrics.set(Date.parse(m.time), m));
    if (candles.status === 'fulfilled') candles.value.forEach((c) => this.addCandle(c));
    const problems = [];
    if (metrics.status === 'rejected') problems.push(`analytics API: ${metrics.reason.message}`);
    if (candles.status === 'rejected') problems.push(`ingest API: ${candles.reason.message}`);
    this.note.textContent = problems.length ? `history unavailable (${problems.join('; ')}); live points only`
      : `last ${this.settings.history_hours} h · close, Bollinger bands (20, 2σ) and HV20`;
    this.render();
  }

  liveMetrics(pair, rows) {
    if (pair !== this.pair) return;
    rows.forEach((m) => this.metrics.set(Date.parse(m.time), m));
    this.render();
  }

  liveCandles(pair, candles) {
    if (pair !== this.pair) return;
    candles.forEach((c) => this.addCandle(c));
    this.render();
  }

  addCandle(c) {
    this.candles.set(Date.parse(c.time), [Number(c.o), Number(c.c), Number(c.l), Number(c.h)]);
  }

  render() {
    const pair = this.pair;
    const times = [...new Set([...this.metrics.keys(), ...this.candles.keys()])].sort((a, b) => a - b);
    const cut = times.length ? times[times.length - 1] - this.settings.history_hours * HOUR_MS : 0;
    const shown = times.filter((t) => t > cut);
    const m = (t, f) => this.metrics.get(t)?.[f] ?? null;
    // Market hours only: a category per bar, so a weekend or a holiday is not drawn as a flat line across the chart.
    const hours = shown.map((t) => new Date(t).toISOString().slice(0, 16).replace('T', ' '));
    const line = (name, field, colour, width = 1, dashed = false) => ({
      name, type: 'line', showSymbol: false, xAxisIndex: 0, yAxisIndex: 0, connectNulls: false,
      data: shown.map((t) => m(t, field)), lineStyle: { color: colour, width, type: dashed ? 'dashed' : 'solid' },
      itemStyle: { color: colour },
    });
    this.chart.setOption({
      backgroundColor: 'transparent',
      animation: false,
      legend: { top: 0, textStyle: { color: '#8b949e' }, itemHeight: 8 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'cross' } },
      axisPointer: { link: [{ xAxisIndex: 'all' }] },
      grid: [{ left: 64, right: 16, top: 28, height: '56%' }, { left: 64, right: 16, top: '74%', bottom: 24 }],
      xAxis: [
        { type: 'category', data: hours, gridIndex: 0, axisLabel: { show: false }, axisTick: { show: false },
          axisLine: { lineStyle: { color: '#30363d' } } },
        { type: 'category', data: hours, gridIndex: 1, axisLine: { lineStyle: { color: '#30363d' } },
          axisLabel: { color: '#8b949e', formatter: (v) => v.slice(5) } },
      ],
      yAxis: [
        { scale: true, gridIndex: 0, splitLine: { lineStyle: { color: '#21262d' } },
          axisLabel: { color: '#8b949e', formatter: (v) => price(pair || '', v) } },
        { scale: true, gridIndex: 1, splitNumber: 2, splitLine: { lineStyle: { color: '#21262d' } },
          axisLabel: { color: '#8b949e', formatter: (v) => pct(v, 0) } },
      ],
      series: [
        { name: 'candles', type: 'candlestick', xAxisIndex: 0, yAxisIndex: 0, barMaxWidth: 6,
          data: shown.map((t) => this.candles.get(t) ?? ['-', '-', '-', '-']),
          itemStyle: { color: '#3fb950', color0: '#f85149', borderColor: '#3fb950', borderColor0: '#f85149' } },
        line('close', 'close', '#e6edf3', 1.5),
        line('BB upper', 'bb_upper', '#58a6ff', 1, true),
        line('BB middle', 'bb_middle', '#8b949e', 1),
        line('BB lower', 'bb_lower', '#58a6ff', 1, true),
        { name: 'HV20', type: 'line', showSymbol: false, xAxisIndex: 1, yAxisIndex: 1,
          data: shown.map((t) => m(t, 'hv_20')), lineStyle: { color: '#d29922', width: 1.5 },
          itemStyle: { color: '#d29922' }, areaStyle: { color: 'rgba(210,153,34,.12)' } },
      ],
    }, true);
  }
}
