// The alert feed: volatility, correlation and system alerts (a job failed or recovered, a pair stale or fresh, the
// OANDA token refused, a catch-up hole, the replay at its end), newest first: the recent ones the stream sends on
// subscribing (from the alerts stream, marked snapshot), then each as it is published. A reconnect sends the recent
// ones again: an alert already shown is not added twice.
import { pct, utc } from './format.js';

const MAX_ALERTS = 200;
/** System alert kinds that say something is wrong; the others say it is over (or, replay_ended, say how it is). */
const PROBLEMS = new Set(['job_failed', 'pair_stale', 'token_rejected', 'catchup_hole_open']);

/** A system alert's free text (an upstream error) as text, never as markup. */
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

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

  /** A change in the pipeline's health: a problem (amber) or its end (plain), by kind. */
  system(a) {
    const problem = PROBLEMS.has(a.kind);
    const text = `<b>${escape(a.subject)}</b> ${escape(a.kind.replaceAll('_', ' '))}${a.message ? ` · ${escape(a.message)}` : ''}`;
    this.add(a, 'system', text, `${escape(a.service)} ${utc(a.ts)}`, problem ? 'WARNING' : 'OK', problem ? 'PROBLEM' : 'OK');
  }

  add(alert, kind, text, when, level = alert.severity, badge = alert.severity) {
    const key = `${alert.type}|${alert.ts}|${alert.pair ?? alert.subject ?? `${alert.pair_a}/${alert.pair_b}`}`;
    if ([...this.list.children].some((shown) => shown.dataset.key === key)) return;
    const li = document.createElement('li');
    li.dataset.key = key;
    li.className = `${level} ${kind} new`;
    li.dataset.kind = kind;
    li.innerHTML = `<span class="badge">${badge}</span><span>${text}</span><span class="when">${when}</span>`;
    this.list.prepend(li);
    while (this.list.children.length > MAX_ALERTS) this.list.lastElementChild.remove();
    this.count++;
    this.counter.textContent = `${this.count} received, newest first`;
  }
}
