// An agent's run as a readable transcript: messages, tool calls with their results folded, thinking folded,
// errors and limits highlighted, the outcome last. The hub reads the log (GET /tasks/{id}/transcript); this page
// only draws the entries and, while the task runs, asks again from the first entry that may still change.

import {api} from './api.js';
import {h, clear, append} from './dom.js';
import * as ansi from './ansi.js';

export const AGENT_BACKENDS = new Set(['claude', 'codex']);
const PREVIEW_LINES = 3;

/** One entry as a DOM node; data-index says which. */
export function entryNode(e) {
  const cls = 'tr-entry tr-' + e.kind + (e.error ? ' tr-error' : '');
  const node = h('div', {class: cls, 'data-index': e.index, 'data-kind': e.kind});
  switch (e.kind) {
    case 'message':
      put(node, h('div', {class: 'tr-text', text: e.text || ''}));
      break;
    case 'thinking':
      put(node, folded({}, e.title || 'Thinking', () => e.text ? h('pre', {class: 'tr-body', text: e.text}) : null));
      break;
    case 'tool':
      put(node, tool(e));
      break;
    case 'result':
      put(node, h('div', {class: 'tr-result-head'}, h('strong', {class: 'tr-title', text: e.title}),
          e.meta ? h('span', {class: 'tr-meta', text: e.meta}) : null),
          e.text ? h('div', {class: 'tr-text', text: e.text}) : null);
      break;
    case 'session':
    case 'attempt':
      put(node, h('span', {class: 'tr-title', text: e.title}));
      break;
    case 'raw': {
      const line = h('div', {class: 'log-line' + (e.meta === 'stderr' ? ' stderr' : '')});
      ansi.render(line, e.text || '');
      put(node, line);
      break;
    }
    default: // limit, error
      put(node, h('span', {class: 'tr-title', text: e.title}),
          e.text && e.text !== e.title ? folded({}, 'Detail', () => h('pre', {class: 'tr-body', text: e.text})) : null);
  }
  return node;
}

function tool(e) {
  const head = h('div', {class: 'tr-tool-head'},
      h('span', {class: 'tr-title', text: e.title}),
      h('span', {class: 'tr-meta', text: e.open ? 'running…' : (e.meta || '')}));
  const output = e.output || '';
  const lines = output ? output.split('\n') : [];
  const preview = lines.length ? h('pre', {class: 'tr-preview', text: lines.slice(0, PREVIEW_LINES).join('\n')}) : null;
  const more = (e.text && e.text !== e.title) || lines.length > PREVIEW_LINES
    ? folded({class: 'tr-more'}, lines.length > PREVIEW_LINES ? 'Show all output and input' : 'Show input', () => [
        e.text ? [h('div', {class: 'tr-label', text: 'Input'}), h('pre', {class: 'tr-body', text: e.text})] : null,
        lines.length > PREVIEW_LINES ? [h('div', {class: 'tr-label', text: 'Output'}), h('pre', {class: 'tr-body', text: output})] : null])
    : null;
  return [head, preview, more];
}

/**
 * A folded part: only its summary exists until the user first opens it. A long session has thousands of tool
 * results and thoughts, nearly all of them never opened; building them all would slow the page's opening.
 */
function folded(attrs, summary, body) {
  const details = h('details', attrs, h('summary', {text: summary}));
  details.addEventListener('toggle', () => {
    if (details.open && details.childElementCount === 1) append(details, [body()]);
  });
  return details;
}

/** What the agent did last, in one line ("Bash: npm test"; a plain line as it is), or null. */
export function latestStep(entries) {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (e.kind === 'attempt') continue;
    const line = e.title || ansi.plain(e.text || '').trim();
    if (line) return line;
  }
  return null;
}

/**
 * A task's transcript kept up to date: refresh() fetches from the first entry that may still change and
 * replaces the rest, at most one request at a time (a refresh asked for meanwhile runs once after it).
 */
export class TranscriptFeed {
  constructor(taskId, onChange) {
    this.taskId = taskId;
    this.onChange = onChange;
    this.entries = [];
    this.openFrom = 0;
    this.busy = false;
    this.again = false;
  }

  async refresh() {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    try {
      do {
        this.again = false;
        const t = await api('/tasks/' + encodeURIComponent(this.taskId) + '/transcript?from=' + this.openFrom);
        this.entries.length = t.from;
        this.entries.push(...t.entries);
        this.openFrom = t.open_from;
        this.onChange(t.from, t.entries);
      } while (this.again);
    } finally {
      this.busy = false;
    }
  }
}

/** Entries drawn at once; a longer history draws its last ones first, the earlier ones a chunk per task after. */
const CHUNK = 200;
/** For each transcript box, the drawings still filling in earlier entries. */
const filling = new WeakMap();

/**
 * Draw entries from index `from` on into `box`, replacing what was drawn there before. A long history shows its
 * end (where the reader is taken) at once and fills in the earlier entries above it a chunk at a time, so the page
 * never waits for thousands of entries to be built and laid out.
 */
export function drawFrom(box, from, entries) {
  const jobs = filling.get(box) || new Set();
  filling.set(box, jobs);
  for (const job of jobs) job.below = Math.min(job.below, from); // this drawing replaces the rest
  if (from === 0) clear(box);
  else for (const old of [...box.querySelectorAll(':scope > .tr-entry')]) {
    if (Number(old.dataset.index) >= from) old.remove();
  }
  let start = Math.max(0, entries.length - CHUNK);
  box.append(nodes(entries.slice(start)));
  if (start === 0) return;
  const job = {below: Infinity};
  jobs.add(job);
  const earlier = () => {
    const end = start;
    start = Math.max(0, start - CHUNK);
    const chunk = entries.slice(start, end).filter(e => e.index < job.below);
    if (chunk.length) {
      const last = chunk[chunk.length - 1].index;
      const next = [...box.children].find(n => n.classList.contains('tr-entry') && Number(n.dataset.index) > last);
      box.insertBefore(nodes(chunk), next || null);
    }
    if (start > 0 && job.below > entries[0].index) setTimeout(earlier);
    else jobs.delete(job);
  };
  setTimeout(earlier);
}

function nodes(entries) {
  const fragment = document.createDocumentFragment();
  for (const e of entries) fragment.append(entryNode(e));
  return fragment;
}

function put(node, ...children) {
  return append(node, children);
}
