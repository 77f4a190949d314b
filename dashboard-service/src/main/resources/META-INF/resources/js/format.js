// Number and time formats of the dashboard.
export const pct = (x, digits = 1) => (x == null ? '–' : `${(x * 100).toFixed(digits)}%`);
export const signedPct = (x) => (x == null ? '–' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)}%`);

/** A price with the pair's usual precision: JPY quotes to 3 decimals, others to 5. */
export function price(pair, x) {
  if (x == null) return '–';
  return Number(x).toFixed(pair.endsWith('JPY') ? 3 : 5);
}

/** ATR in pips (JPY pairs: 0.01, others 0.0001). */
export function pips(pair, x) {
  if (x == null) return '–';
  return `${(x / (pair.endsWith('JPY') ? 0.01 : 0.0001)).toFixed(1)} pips`;
}

/** UTC time as "2025-01-17 21:00". */
export function utc(iso) {
  if (!iso) return '–';
  return iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, '');
}

/** Severity of an HV against a threshold, by the analytics rule: WARNING from 0.9 of it, CRITICAL from it. */
export function severity(hv, threshold) {
  if (hv == null || threshold == null) return null;
  if (hv >= threshold) return 'CRITICAL';
  if (hv >= 0.9 * threshold) return 'WARNING';
  return null;
}
