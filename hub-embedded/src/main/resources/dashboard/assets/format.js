// Numbers, times and durations for people.

export function duration(seconds) {
  if (seconds === null || seconds === undefined || isNaN(seconds)) return '—';
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return s + 's';
  const m = Math.floor(s / 60);
  if (m < 60) return m + 'm ' + String(s % 60).padStart(2, '0') + 's';
  const hours = Math.floor(m / 60);
  if (hours < 48) return hours + 'h ' + String(m % 60).padStart(2, '0') + 'm';
  return Math.floor(hours / 24) + 'd ' + (hours % 24) + 'h';
}

export function since(iso, now = Date.now()) {
  if (!iso) return null;
  return (now - Date.parse(iso)) / 1000;
}

export function ago(iso, now = Date.now()) {
  if (!iso) return 'never';
  const s = since(iso, now);
  if (s < 5) return 'just now';
  return duration(s) + ' ago';
}

export function until(iso, now = Date.now()) {
  if (!iso) return '';
  const s = (Date.parse(iso) - now) / 1000;
  return s <= 0 ? 'now' : 'in ' + duration(s);
}

export function dateTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString(undefined, {year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit'});
}

export function time(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleTimeString(undefined, {hour: '2-digit', minute: '2-digit', second: '2-digit'});
}

export function number(n) {
  if (n === null || n === undefined) return '—';
  return Number(n).toLocaleString('en-US');
}

export function cost(usd) {
  if (usd === null || usd === undefined) return '—';
  return '$' + Number(usd).toFixed(usd < 1 ? 4 : 2);
}

/** A task's cost as the agent reports it: for subscription logins what the same work would cost on the API. */
export function apiCost(usd) {
  return usd === null || usd === undefined ? '—' : cost(usd) + ' (API-equivalent)';
}

export function bytes(n) {
  if (n < 1024) return n + ' B';
  if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KiB';
  return (n / 1024 / 1024).toFixed(1) + ' MiB';
}

export function percent(fraction) {
  return Math.round(fraction * 100) + '%';
}

/** The first line of a task description, shortened. */
export function headline(text, max = 140) {
  const first = String(text || '').split('\n').find(line => line.trim() !== '') || '';
  return first.length > max ? first.slice(0, max - 1) + '…' : first;
}

/** "1 run", "3 runs": a count with its noun in the right number. */
export function plural(n, singular, pluralForm = singular + 's') {
  return number(n) + ' ' + (Number(n) === 1 ? singular : pluralForm);
}

/** A time as the clock in `zone` (an IANA name such as the hub's) shows it, with the zone's short name. */
export function dateTimeIn(iso, zone) {
  if (!iso) return '—';
  try {
    return new Date(iso).toLocaleString(undefined, {timeZone: zone, weekday: 'short', year: 'numeric', month: 'short',
      day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short'});
  } catch (e) {
    return dateTime(iso); // a zone this browser does not know
  }
}

// Where a batch scheduler put a running attempt, in the words `dobby status` uses: "slurm 12 RUNNING on node1 (debug)",
// or while its job waits in the scheduler's queue, why ("queued in Slurm: Resources").
export function jobLine(p) {
  if (!p) return '';
  const name = p.executor === 'slurm' ? 'Slurm' : p.executor;
  if (['PENDING', 'CONFIGURING', 'REQUEUED'].includes(p.state)) {
    return 'queued in ' + name + (p.reason && p.reason !== 'None' ? ': ' + p.reason : '');
  }
  return [p.executor, p.job_id, p.state, p.node ? 'on ' + p.node : null, p.partition ? '(' + p.partition + ')' : null]
    .filter(Boolean).join(' ');
}
