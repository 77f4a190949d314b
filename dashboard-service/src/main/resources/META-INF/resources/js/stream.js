// The stream client: one WebSocket to /stream, resubscribed after every reconnect, with exponential backoff.
const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 10000;
const PING_EVERY_MS = 20000;

export class StreamClient {
  /**
   * @param url       ws(s):// URL of /stream (with ?token= when the dashboard has one)
   * @param subscribe the subscribe op sent on every (re)connect
   * @param handlers  { message(msg), status(state, detail) } — state: 'connecting' | 'live' | 'down'
   */
  constructor(url, subscribe, handlers) {
    this.url = url;
    this.subscribe = subscribe;
    this.handlers = handlers;
    this.backoff = FIRST_BACKOFF_MS;
    this.reconnects = 0;
  }

  connect() {
    this.handlers.status('connecting');
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.backoff = FIRST_BACKOFF_MS;
      ws.send(JSON.stringify(this.subscribe));
      this.handlers.status('live', { reconnects: this.reconnects });
      this.pinger = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send('{"op":"ping"}'), PING_EVERY_MS);
    };
    ws.onmessage = (event) => {
      let msg;
      try {
        msg = JSON.parse(event.data);
      } catch (e) {
        console.warn('stream frame is not JSON', e);
        return;
      }
      this.handlers.message(msg);
    };
    ws.onclose = (event) => {
      clearInterval(this.pinger);
      const delay = Math.round(this.backoff * (0.8 + Math.random() * 0.4));
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
      this.reconnects++;
      this.handlers.status('down', { reason: event.reason || `connection closed (${event.code})`, retryInMs: delay });
      setTimeout(() => this.connect(), delay);
    };
  }
}

/** The /stream URL next to this page, carrying the page's ?token= along. */
export function streamUrl(location) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = new URLSearchParams(location.search).get('token');
  const base = new URL('stream', location.href);
  return `${scheme}//${base.host}${base.pathname}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}
