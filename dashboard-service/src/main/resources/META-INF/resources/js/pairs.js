// The pair table: last close, 24 h change, HV20/HV50 coloured by alert severity, ATR14, position in the
// Bollinger band, and the newest candle seen per pair (the state of the feed).
import { pct, signedPct, price, pips, utc, severity } from './format.js';

const DAY_MS = 24 * 3600 * 1000;

export class PairTable {
  constructor(tbody, pairs, defaultThreshold, onSelect) {
    this.tbody = tbody;
    this.defaultThreshold = defaultThreshold;
    this.state = new Map(pairs.map((p) => [p, { closes: [], threshold: defaultThreshold }]));
    this.rows = new Map();
    for (const pair of pairs) {
      const tr = document.createElement('tr');
      tr.id = `row-${pair}`;
      tr.dataset.pair = pair;
      tr.innerHTML = `<td class="pair">${pair}</td><td class="num last">–</td><td class="num chg">–</td>
        <td class="num hv20">–</td><td class="num hv50">–</td><td class="num atr">–</td>
        <td class="bb"><span class="band"><span class="mid"></span><span class="dot" hidden></span></span><span class="band-label">–</span></td>
        <td class="num candle">–</td>`;
      tr.addEventListener('click', () => onSelect(pair));
      tbody.appendChild(tr);
      this.rows.set(pair, tr);
    }
  }

  /** Rows of a metrics message (snapshot or live), ascending by time; older rows still feed the 24 h change. */
  metrics(pair, rows) {
    const s = this.state.get(pair);
    if (!s || rows.length === 0) return;
    this.addCloses(s, rows);
    for (const row of rows) {
      if (!s.latest || row.time > s.latest.time) s.latest = row;
    }
    this.candle(pair, s.latest.time);
    this.render(pair, true);
  }

  addCloses(s, rows) {
    const known = new Set(s.closes.map(([t]) => t));
    for (const row of rows) {
      const t = Date.parse(row.time);
      if (!known.has(t) && row.close != null) {
        s.closes.push([t, row.close]);
        known.add(t);
      }
    }
    s.closes.sort((a, b) => a[0] - b[0]);
    this.trim(s);
  }

  price(pair, msg) {
    const s = this.state.get(pair);
    if (!s) return;
    s.price = msg;
    this.render(pair, true);
  }

  /** A volatility alert carries the threshold analytics uses for the pair. */
  alert(pair, alert) {
    const s = this.state.get(pair);
    if (!s) return;
    s.threshold = alert.threshold;
    this.render(pair, true);
  }

  /** Newest candle time seen for a pair (feed state). */
  candle(pair, time) {
    const s = this.state.get(pair);
    if (!s) return;
    if (!s.newestCandle || time > s.newestCandle) s.newestCandle = time;
    this.renderFeed();
  }

  newestCandle() {
    let newest = null;
    for (const s of this.state.values()) if (s.newestCandle && (!newest || s.newestCandle > newest)) newest = s.newestCandle;
    return newest;
  }

  latestTime(pair) {
    return this.state.get(pair)?.latest?.time;
  }

  trim(s) {
    if (s.closes.length === 0) return;
    const newest = s.closes[s.closes.length - 1][0];
    while (s.closes.length > 2 && s.closes[1][0] <= newest - DAY_MS) s.closes.shift();
  }

  change(s) {
    if (s.closes.length < 2) return null;
    const [t0, c0] = s.closes[0];
    const [t1, c1] = s.closes[s.closes.length - 1];
    return t1 - t0 >= DAY_MS * 0.9 ? c1 / c0 - 1 : null;
  }

  render(pair, flash) {
    const s = this.state.get(pair);
    const tr = this.rows.get(pair);
    const m = s.latest;
    const last = s.price ? s.price.mid : m?.close;
    set(tr, '.last', price(pair, last), flash);
    const chg = this.change(s);
    const chgCell = set(tr, '.chg', signedPct(chg), false);
    chgCell.className = `num chg ${chg == null ? 'flat' : chg > 0 ? 'up' : chg < 0 ? 'down' : 'flat'}`;
    if (!m) return;
    for (const [cls, value] of [['hv20', m.hv_20], ['hv50', m.hv_50]]) {
      const cell = set(tr, `.${cls}`, pct(value), false);
      const sev = severity(value, s.threshold);
      cell.className = `num ${cls}${sev ? ` sev-${sev}` : ''}`;
      cell.title = `threshold ${pct(s.threshold)}${sev ? ` · ${sev}` : ''}`;
    }
    set(tr, '.atr', pips(pair, m.atr_14), false);
    const band = tr.querySelector('.band');
    const dot = band.querySelector('.dot');
    const label = tr.querySelector('.band-label');
    if (m.bb_upper != null && m.bb_lower != null && m.bb_upper > m.bb_lower) {
      const pos = (m.close - m.bb_lower) / (m.bb_upper - m.bb_lower);
      dot.hidden = false;
      dot.style.left = `${Math.max(0, Math.min(1, pos)) * 100}%`;
      band.classList.toggle('outside', pos < 0 || pos > 1);
      band.title = `lower ${price(pair, m.bb_lower)} · middle ${price(pair, m.bb_middle)} · upper ${price(pair, m.bb_upper)}`;
      label.textContent = `${Math.round(pos * 100)}%`;
    } else {
      dot.hidden = true;
      label.textContent = '–';
    }
  }

  renderFeed() {
    const newest = this.newestCandle();
    for (const [pair, s] of this.state) {
      const cell = this.rows.get(pair).querySelector('.candle');
      cell.textContent = utc(s.newestCandle);
      cell.classList.toggle('stale', !!(newest && s.newestCandle && Date.parse(newest) - Date.parse(s.newestCandle) > 2 * 3600 * 1000));
    }
    document.getElementById('feed-newest').textContent = newest ? `${utc(newest)} UTC` : '–';
  }
}

function set(tr, selector, text, flash) {
  const cell = tr.querySelector(selector);
  if (cell.textContent !== text) {
    cell.textContent = text;
    if (flash) {
      cell.classList.remove('flash');
      void cell.offsetWidth; // restart the animation
      cell.classList.add('flash');
    }
  }
  return cell;
}
