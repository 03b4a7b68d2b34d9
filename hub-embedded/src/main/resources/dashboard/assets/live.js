// A server-sent event stream that survives the hub going away: the browser reconnects with Last-Event-ID on
// its own; when it gives up (the hub answered with an error), we reopen with the last id we saw.

export const EVENT_TYPES = ['task.created', 'task.status', 'task.updated', 'task.log', 'task.progress',
  'task.finished', 'project.changed', 'batch.created', 'spoke.changed', 'dispatch.paused', 'gpus.changed', 'job.changed'];

const MAX_DELAY_MS = 15000;

// A page kept in the back/forward cache would keep its streams open, and a browser allows only six connections
// to one host: close them when the page is put away, resume them (after the last event seen) when it comes back.
const open = new Set();
window.addEventListener('pagehide', () => open.forEach(stream => stream.shutSource()));
window.addEventListener('pageshow', event => {
  if (event.persisted) open.forEach(stream => stream.open());
});

export class LiveStream {
  /**
   * @param url      the stream's path, e.g. /events or /tasks/7/events
   * @param onEvent  (type, data) for each event, in order
   * @param onState  ('live' | 'reconnecting' | 'closed') when the connection changes
   * @param onGiveUp called when the browser stopped retrying (the hub refused the stream), before we retry
   */
  constructor(url, {onEvent, onState = () => {}, onGiveUp = () => {}}) {
    this.url = url;
    this.onEvent = onEvent;
    this.onState = onState;
    this.onGiveUp = onGiveUp;
    this.lastId = null;
    this.source = null;
    this.timer = null;
    this.delay = 1000;
    this.closed = false;
  }

  start() {
    open.add(this);
    this.open();
    return this;
  }

  /** Switch to another URL without missing events (resumes after the last id seen). */
  retarget(url) {
    if (url === this.url) return;
    this.url = url;
    if (!this.closed) this.open();
  }

  open() {
    this.shutSource();
    let url = this.url;
    if (this.lastId !== null) {
      url += (url.includes('?') ? '&' : '?') + 'last_event_id=' + encodeURIComponent(this.lastId);
    }
    const source = new EventSource(url, {withCredentials: true});
    this.source = source;
    source.onopen = () => {
      this.delay = 1000;
      this.onState('live');
    };
    source.onerror = () => {
      if (this.source !== source) return;
      this.onState('reconnecting');
      if (source.readyState === EventSource.CLOSED) {
        this.shutSource();
        this.onGiveUp();
        this.timer = setTimeout(() => this.open(), this.delay);
        this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
      }
    };
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, message => {
        if (this.source !== source) return;
        if (message.lastEventId) this.lastId = message.lastEventId;
        let data;
        try {
          data = JSON.parse(message.data);
        } catch (e) {
          return;
        }
        this.onEvent(type, data);
      });
    }
  }

  shutSource() {
    clearTimeout(this.timer);
    this.timer = null;
    if (this.source) {
      this.source.close();
      this.source = null;
    }
  }

  close() {
    this.closed = true;
    open.delete(this);
    this.shutSource();
    this.onState('closed');
  }
}
