// The dashboard: one stream subscription for everything it shows; from the REST APIs, the chart's history and, as
// the page opens, the newest pairs and correlation (the stream's snapshot is only what the cache still holds).
import { StreamClient, streamUrl } from './stream.js';
import { PairTable } from './pairs.js';
import { Heatmap } from './heatmap.js';
import { renderBestPairs } from './best-pairs.js';
import { AlertFeed } from './alerts.js';
import { PairChart } from './pair-chart.js';
import { getJson } from './api.js';

const CHANNELS = ['candles', 'metrics', 'prices', 'volatility_alerts', 'correlation_alerts', 'correlation', 'system'];
const HOUR_MS = 3600 * 1000;
/** The longest the FX market closes: a weekend next to a holiday (Christmas, New Year). */
const MARKET_CLOSED_MS = 4 * 24 * HOUR_MS;
/** Bar lengths of the granularities a deployment may track. */
const BAR_MS = { M1: 60e3, M5: 300e3, M15: 900e3, M30: 1800e3, H1: HOUR_MS, H2: 2 * HOUR_MS, H4: 4 * HOUR_MS, D: 24 * HOUR_MS };

/** The feed ingest plays, in the header: replayed history (synthetic or recorded) must not pass for market prices. */
const FEEDS = {
  replay: ['replay · not market prices', 'replay'],
  'oanda-practice': ['OANDA practice', 'practice'],
  'oanda-live': ['OANDA live', 'live'],
};

function showFeed(element, feed) {
  const [text, kind] = FEEDS[feed] ?? [String(feed ?? 'unknown feed'), 'replay'];
  element.textContent = text;
  element.className = `sub feed-${kind}`;
}

async function main() {
  const settings = await (await fetch('page-settings')).json();
  const $ = (id) => document.getElementById(id);
  showFeed($('feed'), settings.feed);
  const chart = new PairChart($('pair-chart'), $('chart-pair'), $('chart-note'), settings);
  const select = (pair) => {
    document.querySelectorAll('#pair-table tr.selected').forEach((tr) => tr.classList.remove('selected'));
    $(`row-${pair}`)?.classList.add('selected');
    chart.show(pair, table.latestTime(pair));
  };
  const table = new PairTable($('pair-table').querySelector('tbody'), settings.pairs, settings.volatility_threshold, select);
  const heatmap = new Heatmap($('heatmap'), $('heatmap-asof'));
  const alerts = new AlertFeed($('alert-feed'), $('alert-count'));
  const historyAsked = new Set();
  let chosen = null;

  const choose = (pair) => {
    if (!chosen) {
      chosen = pair;
      select(pair);
    }
  };

  // The newest rows of a pair from the analytics API, up to the bar of `until` (absent: the newest stored). They reach
  // back 25 h past the longest closure, so the 24 h change, against the last close at or before 24 h earlier, is known
  // at once: after a weekend or a holiday that close is from before the market shut.
  const bar = BAR_MS[settings.granularity] ?? HOUR_MS;
  const recentRows = Math.min(5000, Math.ceil((25 * HOUR_MS + MARKET_CLOSED_MS) / bar) + 1);
  const readRecent = (pair, until) => {
    historyAsked.add(pair);
    const to = until ? `&to=${new Date(Date.parse(until) + bar).toISOString()}` : '';
    return getJson(`${settings.analytics_url}/metrics/${pair}?limit=${recentRows}${to}`).then((rows) => table.metrics(pair, rows));
  };

  // What the pairs and the correlation are now, read from the APIs as the page opens: the stream's snapshot comes
  // from cache keys that expire (metrics an hour after the last candle, the matrix a day after its run), so over a
  // weekend or after an outage it brings nothing.
  Promise.allSettled(settings.pairs.map((pair) => readRecent(pair)
    .catch(() => historyAsked.delete(pair)))) // the pair's first live message asks again
    .then(() => {
      const first = settings.pairs.find((pair) => table.latestTime(pair)); // the chart opens on the first listed
      if (first) choose(first);
    });
  let rankedByStream = false;
  getJson(`${settings.correlation_url}/correlation/matrix`).then((m) => heatmap.showIfNewer(m)).catch(() => { /* none yet */ });
  getJson(`${settings.correlation_url}/correlation/best-pairs?limit=190`)
    .then((best) => { if (!rankedByStream) renderBestPairs($('best-pairs'), { best_pairs: best }); })
    .catch(() => { /* none yet */ });

  // The replay played its whole recording: said beside the newest candle, since the stream stays live and nothing
  // else changes. Candles announced after it (a new replay; the snapshot may bring an old end) take it back.
  const ended = $('feed-ended');
  let endedAt = 0;
  const replayEnded = (alert) => {
    endedAt = Date.parse(alert.ts);
    ended.title = alert.message ?? '';
    ended.hidden = false;
  };

  const handlers = {
    metrics: (m) => {
      const newest = m.metrics[m.metrics.length - 1];
      // A bulk store comes as its newest row and its range (from): the rows before it are read from the API.
      if (m.from) historyAsked.delete(m.pair);
      table.metrics(m.pair, m.metrics);
      if (m.from && m.pair === chosen) chart.show(m.pair, newest.time);
      else chart.liveMetrics(m.pair, m.metrics);
      if (!historyAsked.has(m.pair)) readRecent(m.pair, newest.time).catch(() => { /* the change fills in from live messages */ });
      choose(m.pair);
    },
    candles: (m) => {
      if (!ended.hidden && Date.parse(m.ts) > endedAt) ended.hidden = true;
      table.candle(m.pair, m.candles[m.candles.length - 1].time);
      chart.liveCandles(m.pair, m.candles);
    },
    price: (m) => table.price(m.pair, m),
    volatility_alert: (m) => {
      alerts.volatility(m);
      table.alert(m.pair, m);
    },
    correlation_alert: (m) => alerts.correlation(m),
    system_alert: (m) => {
      alerts.system(m);
      if (m.kind === 'replay_ended') replayEnded(m);
    },
    correlation_matrix: (m) => heatmap.show(m),
    best_pairs: (m) => {
      rankedByStream = true;
      renderBestPairs($('best-pairs'), m);
    },
  };

  const status = (state, detail = {}) => {
    const badge = $('connection');
    badge.className = `connection ${state}`;
    badge.textContent = state === 'live' ? 'live' : state === 'down' ? 'disconnected' : 'connecting…';
    $('disconnected').hidden = state !== 'down';
    if (state === 'down') {
      $('disconnected-reason').textContent = detail.reason;
      $('reconnect-in').textContent = `${(detail.retryInMs / 1000).toFixed(1)} s`;
    }
    document.body.dataset.stream = state;
  };

  const client = new StreamClient(streamUrl(window.location), { op: 'subscribe', channels: CHANNELS },
    {
      status,
      message: (msg) => {
        if (msg.op === 'error') console.warn('stream refused an op:', msg.error, msg.message);
        const handle = msg.type && handlers[msg.type];
        if (handle) handle(msg);
      },
    });
  client.connect();
  window.fxDashboard = { heatmap, table, chart, client };
}

main().catch((e) => {
  document.getElementById('connection').textContent = `failed to start: ${e.message}`;
  console.error(e);
});
