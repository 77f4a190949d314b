// The alert feed: volatility and correlation alerts, newest first: the recent ones the stream sends on subscribing
// (from the alerts stream, marked snapshot), then each as it is published. A reconnect sends the recent ones again:
// an alert already shown is not added twice.
import { pct, utc } from './format.js';

const MAX_ALERTS = 200;

export class AlertFeed {
  constructor(list, counter) {
    this.list = list;
    this.counter = counter;
    this.count = 0;
  }

  volatility(a) {
    this.add(a, 'volatility', `<b>${a.pair}</b> HV20 ${pct(a.volatility)} ≥ ${pct(a.severity === 'CRITICAL' ? a.threshold : 0.9 * a.threshold)}`,
      `candle ${utc(a.time)}`);
  }

  correlation(a) {
    this.add(a, 'correlation', `<b>${a.pair_a} / ${a.pair_b}</b> r = ${Number(a.correlation).toFixed(3)} (|r| ≥ ${a.threshold})`,
      `as of ${utc(a.as_of)}`);
  }

  add(alert, kind, text, when) {
    const key = `${alert.type}|${alert.ts}|${alert.pair ?? `${alert.pair_a}/${alert.pair_b}`}`;
    if ([...this.list.children].some((shown) => shown.dataset.key === key)) return;
    const li = document.createElement('li');
    li.dataset.key = key;
    li.className = `${alert.severity} ${kind} new`;
    li.dataset.kind = kind;
    li.innerHTML = `<span class="badge">${alert.severity}</span><span>${text}</span><span class="when">${when}</span>`;
    this.list.prepend(li);
    while (this.list.children.length > MAX_ALERTS) this.list.lastElementChild.remove();
    this.count++;
    this.counter.textContent = `${this.count} received, newest first`;
  }
}
