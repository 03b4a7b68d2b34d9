// One task: Logs (live tail, with the Flow view beside it), Details and Timeline, from one live event stream
// that replays the task's history first.

import {api, paths, ApiError} from '../api.js';
import {h, fill, clear, pill, empty, setWidth} from '../dom.js';
import {LiveStream} from '../live.js';
import {ago, apiCost, bytes, dateTime, duration, headline, jobLine, number, since} from '../format.js';
import {actionButtons} from '../actions.js';
import * as ansi from '../ansi.js';
import {hint, isStuck, isWaiting, waitingFor} from '../waiting.js';
import {AGENT_BACKENDS, TranscriptFeed, drawFrom} from '../transcript.js';

export const name = 'task';
export const key = params => 'task-' + params.id;

const MAX_LINES = 5000;
const TABS = [['logs', 'Logs'], ['details', 'Details'], ['timeline', 'Timeline']];

export function mount(root, params, app) {
  const id = params.id;
  let tab = params.tab;
  let lastSeq = 0;
  const model = {task: null, createdAt: null, statuses: [], steps: new Map(), progress: null, result: null};

  const title = h('h1', {class: 'task-title'});
  const status = h('span', {class: 'task-status'});
  const meta = h('div', {class: 'task-meta muted small'});
  const waitLine = h('div', {class: 'task-waiting', id: 'task-waiting'});
  const actions = h('div', {class: 'actions', id: 'task-actions'});
  const notice = h('p', {class: 'error', hidden: true, id: 'task-error'});
  const tabs = h('nav', {class: 'tabs', role: 'tablist'});
  const panels = {
    logs: h('section', {class: 'panel', id: 'panel-logs'}),
    flow: h('section', {class: 'panel', id: 'panel-flow'}),
    details: h('section', {class: 'panel', id: 'panel-details'}),
    timeline: h('section', {class: 'panel', id: 'panel-timeline'}),
  };
  root.append(h('header', {class: 'view-head task-head'},
      h('a', {href: '#/tasks', class: 'back', text: '← Tasks'}),
      h('div', {class: 'title-row'}, title, status), meta, waitLine, actions, notice), tabs, ...Object.values(panels));

  // ---- logs: appended as lines arrive, bounded so a huge log cannot freeze the page
  const logBox = h('div', {class: 'log-view', id: 'log', tabindex: 0, role: 'log', 'aria-live': 'off'});
  const follow = h('input', {type: 'checkbox', id: 'log-follow', checked: true});
  const trimmed = h('p', {class: 'muted small', hidden: true, id: 'log-trimmed'});
  let lineCount = 0;
  let dropped = 0;
  let logAttempt = null;
  const sgr = {};
  // Agent tasks show their log as a readable transcript by default; the raw lines are one toggle away.
  const transcriptBox = h('div', {class: 'log-view transcript', id: 'transcript', tabindex: 0, role: 'log',
    'aria-live': 'off', hidden: true});
  const readableButton = h('button', {type: 'button', id: 'output-readable', class: 'active', text: 'Readable'});
  const rawButton = h('button', {type: 'button', id: 'output-raw', text: 'Raw'});
  const outputMode = h('div', {class: 'segmented', id: 'output-mode', hidden: true}, readableButton, rawButton);
  const download = h('a', {class: 'button', id: 'download-log', href: paths.artifact(id, 'output.log'),
    download: 'task-' + id + '-output.log', text: 'Download raw log', hidden: true});
  let readable = false;
  let transcriptStale = true;
  let transcriptTimer = null;
  const feed = new TranscriptFeed(id, (from, entries) => {
    const atBottom = transcriptBox.scrollHeight - transcriptBox.scrollTop - transcriptBox.clientHeight < 40;
    const placeholder = transcriptBox.querySelector(':scope > .log-empty');
    if (placeholder) placeholder.remove();
    drawFrom(transcriptBox, from, entries);
    if (!transcriptBox.querySelector('.tr-entry')) transcriptBox.append(h('p', {class: 'muted log-empty', text: 'No output yet.'}));
    if (follow.checked && (atBottom || entries.length)) transcriptBox.scrollTop = transcriptBox.scrollHeight;
  });
  readableButton.addEventListener('click', () => showReadable(true));
  rawButton.addEventListener('click', () => showReadable(false));
  panels.logs.append(
      h('div', {class: 'panel-bar'},
          h('div', {class: 'bar-group'},
              h('div', {class: 'segmented'}, h('a', {href: '#/tasks/' + id + '/logs', class: 'active', text: 'Output'}),
                  h('a', {href: '#/tasks/' + id + '/flow', id: 'open-flow', text: 'Flow'})),
              outputMode),
          h('div', {class: 'bar-group'}, download, h('label', {class: 'check'}, follow, ' Follow'))),
      trimmed, transcriptBox, logBox);
  logBox.append(h('p', {class: 'muted log-empty', text: 'No output yet.'}));

  function showReadable(on) {
    readable = on;
    readableButton.classList.toggle('active', on);
    rawButton.classList.toggle('active', !on);
    transcriptBox.hidden = !on;
    logBox.hidden = on;
    trimmed.hidden = on || !dropped;
    if (on && transcriptStale) refreshTranscript();
    const box = on ? transcriptBox : logBox;
    if (follow.checked) box.scrollTop = box.scrollHeight;
  }

  function refreshTranscript() {
    transcriptStale = false;
    feed.refresh().catch(e => {
      transcriptStale = true;
      drawFrom(transcriptBox, 0, []);
      transcriptBox.append(empty('Could not read the transcript: ' + e.message));
    });
  }

  /** New lines arrived: ask for the changed part of the transcript, at most every 300 ms. */
  function transcriptChanged() {
    if (!readable) {
      transcriptStale = true;
      return;
    }
    if (transcriptTimer === null) transcriptTimer = setTimeout(() => {
      transcriptTimer = null;
      refreshTranscript();
    }, 300);
  }

  let modeChosen = false;
  function chooseOutputMode() {
    const t = model.task;
    if (!t) return;
    download.hidden = !t.attempts || t.status === 'running' || t.status === 'pending';
    if (modeChosen) return;
    modeChosen = true;
    if (AGENT_BACKENDS.has(t.backend)) {
      outputMode.hidden = false;
      showReadable(true);
    }
  }

  function appendLines(lines) {
    const atBottom = logBox.scrollHeight - logBox.scrollTop - logBox.clientHeight < 40;
    const placeholder = logBox.querySelector('.log-empty');
    if (placeholder && lines.length) placeholder.remove();
    for (const line of lines) {
      if (line.attempt !== logAttempt) {
        if (logAttempt !== null) logBox.append(h('div', {class: 'log-attempt', text: 'Attempt ' + line.attempt}));
        logAttempt = line.attempt;
        sgr.stdout = {style: {}};
        sgr.stderr = {style: {}};
      }
      const row = h('div', {class: 'log-line' + (line.stream === 'stderr' ? ' stderr' : ''), 'data-seq': line.seq});
      ansi.render(row, line.text, sgr[line.stream] || (sgr[line.stream] = {style: {}}));
      logBox.append(row);
      lineCount++;
    }
    while (lineCount > MAX_LINES) {
      const oldest = logBox.querySelector('.log-line');
      if (!oldest) break;
      oldest.remove();
      lineCount--;
      dropped++;
    }
    if (dropped) {
      trimmed.hidden = readable;
      trimmed.textContent = number(dropped) + ' earlier lines are not shown here; the whole log is output.log under Details.';
    }
    if (follow.checked && (atBottom || lines.length)) logBox.scrollTop = logBox.scrollHeight;
  }

  // ---- header
  function renderHeader() {
    const t = model.task;
    if (!t) return;
    title.textContent = '#' + t.id + ' ' + headline(t.description, 120);
    chooseOutputMode();
    fill(status, pill(t.status));
    fill(meta,
        h('span', {text: t.project}), ' · ', h('span', {text: t.backend}), ' · ', h('span', {text: t.priority + ' priority'}),
        t.worker ? [' · ', h('span', {text: 'worker ' + t.worker})] : null,
        t.attempts ? [' · ', h('span', {text: 'attempt ' + t.attempts})] : null,
        t.placement ? [' · ', h('span', {id: 'task-job', text: jobLine(t.placement)})] : null,
        t.batch_id ? [' · ', h('a', {href: '#/batches/' + t.batch_id, text: 'batch ' + t.batch_id})] : null,
        ' · ', h('span', {text: 'created ' + ago(t.created_at)}));
    explainWaiting();
    fill(actions, actionButtons(t, changed => {
      model.task = changed;
      showError('');
      renderHeader();
    }, e => showError(e.message)),
    h('a', {class: 'button share', id: 'share-link', href: app.shareUrl('#/tasks/' + t.id), text: 'Link'}));
  }

  // ---- why it has not started (asked again while it waits: workers come and go without task events)
  let waitingAsked = 0;
  async function explainWaiting() {
    const t = model.task;
    if (!t || !isWaiting(t)) {
      model.waiting = null;
      fill(waitLine);
      return;
    }
    const asked = ++waitingAsked;
    try {
      const waiting = await waitingFor(t);
      if (asked !== waitingAsked) return;
      model.waiting = waiting;
      fill(waitLine, hint(waiting));
      if (tab === 'timeline') renderTimeline();
    } catch (e) {
      // asked again on the next change
    }
  }
  const rethink = setInterval(() => {
    if (model.task && isWaiting(model.task)) explainWaiting();
    else if (model.task && model.task.status === 'running' && model.task.placement) rereadJob();
  }, 5000);

  // A Slurm job's state and node change without a task event: read the task again while it runs as one.
  function rereadJob() {
    api(paths.task(id)).then(t => {
      if (model.task && model.task.status === 'running' && t.status === 'running') {
        model.task = t;
        renderHeader();
      }
    }, () => {});
  }

  function showError(message) {
    notice.textContent = message;
    notice.hidden = !message;
  }

  function renderTabs() {
    const active = tab === 'flow' ? 'logs' : tab;
    fill(tabs, TABS.map(([key, label]) => h('a', {href: '#/tasks/' + id + '/' + key, role: 'tab', 'data-tab': key,
      class: key === active ? 'active' : null, 'aria-selected': key === active ? 'true' : 'false', text: label})));
    for (const [key, panel] of Object.entries(panels)) panel.hidden = key !== tab;
    if (tab === 'flow') loadFlow();
    if (tab === 'details') loadDetails();
    if (tab === 'timeline') renderTimeline();
    if (tab === 'logs' && follow.checked) {
      const box = readable ? transcriptBox : logBox;
      box.scrollTop = box.scrollHeight;
    }
  }

  // ---- flow: the agent's steps on a timeline
  let flowLoaded = false;
  async function loadFlow() {
    if (!flowLoaded) {
      flowLoaded = true;
      try {
        const flow = await api('/tasks/' + id + '/flow');
        for (const step of flow.steps) model.steps.set(step.attempt + ':' + step.index, step);
      } catch (e) {
        flowLoaded = false;
        fill(panels.flow, empty('Could not load the flow: ' + e.message));
        return;
      }
    }
    renderFlow();
  }

  function renderFlow() {
    const steps = [...model.steps.values()].sort((a, b) => a.attempt - b.attempt || a.index - b.index);
    const bar = h('div', {class: 'panel-bar'},
        h('div', {class: 'segmented'}, h('a', {href: '#/tasks/' + id + '/logs', text: 'Output'}),
            h('a', {href: '#/tasks/' + id + '/flow', class: 'active', text: 'Flow'})));
    if (steps.length === 0) {
      fill(panels.flow, bar, empty(model.task && model.task.backend === 'shell'
          ? 'Shell tasks print plain text, so there are no agent steps to show: see Output.'
          : 'No agent steps yet.'));
      return;
    }
    const start = Date.parse(steps[0].at);
    const longest = Math.max(1, ...steps.map(s => s.duration_ms || 0));
    const p = model.progress;
    const tools = steps.filter(s => s.kind === 'tool_call' || s.kind === 'command' || s.kind === 'file_edit' || s.kind === 'file_read').length;
    const edited = new Set(steps.filter(s => s.kind === 'file_edit' && s.file).map(s => s.file));
    const last = [...steps].reverse().find(s => s.tokens_in !== null || s.tokens_out !== null);
    const summary = h('dl', {class: 'facts flow-summary'},
        fact('Steps', number(steps.length)), fact('Tool calls', number(tools)), fact('Files edited', number(edited.size)),
        fact('Tokens', p && (p.tokens_in !== null || p.tokens_out !== null)
            ? number(p.tokens_in) + ' in · ' + number(p.tokens_out) + ' out'
            : last ? number(last.tokens_in) + ' in · ' + number(last.tokens_out) + ' out' : '—'),
        p && p.cost_usd !== null ? fact('Cost', apiCost(p.cost_usd)) : null,
        p && p.current_step ? fact('Now', p.current_step) : null);
    const list = h('ol', {class: 'flow', id: 'flow-steps'}, steps.map(s => {
      const offset = (Date.parse(s.at) - start) / 1000;
      return h('li', {class: 'step kind-' + s.kind + (s.error ? ' step-error' : ''), 'data-kind': s.kind},
          h('div', {class: 'step-time', text: '+' + duration(offset), title: s.at}),
          h('div', {class: 'step-dot'}),
          h('div', {class: 'step-body'},
              h('div', {class: 'step-head'},
                  h('span', {class: 'kind-badge', text: s.kind.replace('_', ' ')}),
                  h('span', {class: 'step-title', text: s.title || ''}),
                  s.file ? h('span', {class: 'muted small step-file', text: s.file}) : null),
              s.duration_ms ? h('div', {class: 'step-bar'}, setWidth(h('div', {class: 'bar-fill'}), s.duration_ms / longest)) : null,
              h('div', {class: 'muted small'}, [
                s.duration_ms ? stepDuration(s.duration_ms) : null,
                s.tokens_in !== null || s.tokens_out !== null ? 'tokens ' + number(s.tokens_in) + ' in · ' + number(s.tokens_out) + ' out' : null,
                s.attempt > 1 ? 'attempt ' + s.attempt : null,
              ].filter(Boolean).join(' · ')),
              s.detail ? h('details', {}, h('summary', {text: 'Detail'}), h('pre', {class: 'step-detail', text: s.detail})) : null));
    }));
    fill(panels.flow, bar, summary, list);
  }

  function stepDuration(ms) {
    if (ms < 1000) return ms + ' ms';
    if (ms < 10000) return (ms / 1000).toFixed(1) + 's';
    return duration(ms / 1000);
  }

  // ---- details: what a user came for first (outcome, summary, cost, files, parents), every field folded below
  let fieldsOpen = false;
  async function loadDetails() {
    let result = null;
    let files = null;
    let parents = [];
    try {
      model.task = await api(paths.task(id));
      const t = model.task;
      // A task that was never claimed has neither a result nor files: do not ask.
      [result, files, parents] = await Promise.all([
        t.attempts > 0 ? api('/results/' + id).catch(e => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e))) : null,
        t.attempts > 0 ? api(paths.task(id) + '/artifacts').catch(() => null) : null,
        Promise.all((t.depends_on || []).slice(0, 20).map(p => api(paths.task(p)).catch(() => ({id: p, missing: true})))),
      ]);
    } catch (e) {
      fill(panels.details, empty('Could not load the details: ' + e.message));
      return;
    }
    model.result = result;
    const jobs = await api('/jobs?task=' + id).catch(() => []);
    renderHeader();
    const t = model.task;
    const allFields = h('details', {class: 'all-fields', id: 'all-fields', open: fieldsOpen},
        h('summary', {text: 'Every field of the task'}),
        h('dl', {class: 'fields', id: 'task-fields'}, Object.entries(t).map(([k, v]) => field(k, k === 'placement' && v ? jobLine(v) : v))));
    allFields.addEventListener('toggle', () => { fieldsOpen = allFields.open; });
    fill(panels.details,
        h('section', {class: 'outcome', id: 'task-outcome'},
            h('h2', {id: 'outcome-headline', text: outcomeHeadline(t, result)}),
            t.status_reason && !isWaiting(t) ? h('p', {class: 'muted', id: 'outcome-reason', text: t.status_reason}) : null,
            h('dl', {class: 'facts', id: 'task-facts'},
                fact('Cost', result ? apiCost(result.cost_usd) : '—'),
                fact('Tokens', result && (result.tokens_in || result.tokens_out)
                    ? number(result.tokens_in || 0) + ' in · ' + number(result.tokens_out || 0) + ' out' : '—'),
                fact('Duration', result && result.duration_seconds != null ? duration(result.duration_seconds) : '—'),
                fact('Branch', result && result.branch ? result.branch : '—'),
                fact('Worker', t.worker || '—'),
                fact('Attempts', t.attempts ? String(t.attempts) : 'none yet'))),
        result ? resultView(result) : empty(t.attempts ? 'No result yet: the attempt has not finished.'
            : 'No result yet: the task has not started.'),
        parents.length ? [h('h2', {text: 'Depends on'}), h('ul', {class: 'parents', id: 'task-parents'}, parents.map(p =>
            h('li', {'data-task': p.id}, h('a', {href: '#/tasks/' + p.id, text: '#' + p.id}), ' ',
                p.missing ? h('span', {class: 'muted', text: 'not found'}) : [pill(p.status), ' ', headline(p.description, 90)])))]
          : null,
        jobs.length ? [h('h2', {text: 'Tracked jobs'}), h('ul', {id: 'task-jobs'}, jobs.map(j => h('li', {'data-job': j.id},
            h('a', {href: '#/gpus', text: 'job ' + j.id}), ' on ' + j.worker + ': ' + j.state
                + (j.log_tail.length ? ' · ' + j.log_tail[j.log_tail.length - 1] : ''))))] : null,
        h('h2', {text: 'Kept files'}),
        files && files.files.length ? h('table', {class: 'artifacts', id: 'artifacts'},
            h('tbody', {}, files.files.map(f => h('tr', {},
                h('td', {}, h('a', {href: paths.artifact(id, f.path), download: f.path.split('/').pop(), text: f.path})),
                h('td', {class: 'muted', text: bytes(f.size)}),
                h('td', {class: 'muted', text: dateTime(f.modified_at)})))))
          : empty('No files kept for this task yet.'),
        allFields);
  }

  function outcomeHeadline(t, r) {
    const took = r && r.duration_seconds != null ? ' in ' + duration(r.duration_seconds) : '';
    switch (t.status) {
      case 'completed': return 'Completed' + took;
      case 'failed': return 'Failed' + took + (r && r.exit_code != null && r.exit_code !== 0 ? ' (exit code ' + r.exit_code + ')' : '');
      case 'timed_out': return 'Timed out' + took;
      case 'cancelled': return 'Cancelled';
      case 'stale': return 'Lost with its worker';
      case 'running': return 'Running' + (t.started_at ? ' for ' + duration(since(t.started_at)) : '') + (t.worker ? ' on ' + t.worker : '');
      case 'draft': return 'Draft: waiting for approval';
      case 'blocked': return 'Blocked';
      default: return 'Waiting to start';
    }
  }

  function resultView(r) {
    const summary = h('pre', {class: 'log-view summary', id: 'result-summary'});
    ansi.render(summary, r.summary || '');
    return h('div', {class: 'result'},
        h('h3', {text: 'Summary'}), summary,
        h('h3', {text: 'Files changed'}),
        r.diff_stat ? h('pre', {class: 'log-view diffstat', id: 'result-diffstat', text: r.diff_stat})
          : (r.files_changed || []).length ? h('ul', {class: 'changed-files', id: 'result-files'},
              r.files_changed.map(f => h('li', {text: f})))
          : empty('No files changed.'),
        r.rate_limited ? h('p', {class: 'warning', text: 'Stopped by a usage limit'
            + (r.rate_limited_until ? ' until ' + dateTime(r.rate_limited_until) : '') + '.'}) : null,
        r.incomplete ? h('p', {class: 'warning', text: 'The agent did not finish its work.'}) : null);
  }

  function field(k, v) {
    let text;
    if (v === null || v === undefined || v === '') text = '—';
    else if (Array.isArray(v)) text = v.length ? v.join(', ') : '—';
    else if (typeof v === 'object') {
      const set = Object.entries(v).filter(([, x]) => x !== null && !(Array.isArray(x) && x.length === 0));
      text = set.length ? set.map(([name, x]) => name + ': ' + (Array.isArray(x) ? x.join(', ') : x)).join('\n') : '—';
    }
    else if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) text = dateTime(v);
    else text = String(v);
    return h('div', {'data-field': k}, h('dt', {text: k.replace(/_/g, ' ')}), h('dd', {text}));
  }

  function fact(label, value) {
    return h('div', {}, h('dt', {text: label}), h('dd', {text: value}));
  }

  // ---- timeline: every status change, replayed from the start by the stream
  function renderTimeline() {
    const items = [];
    if (model.createdAt || model.task) {
      items.push(h('li', {class: 'event'}, h('span', {class: 'event-time', text: dateTime(model.createdAt || model.task.created_at)}),
          h('span', {class: 'event-what'}, 'created')));
    }
    let previous = model.createdAt ? Date.parse(model.createdAt) : null;
    for (const change of model.statuses) {
      const at = Date.parse(change.at);
      items.push(h('li', {class: 'event', 'data-to': change.to},
          h('span', {class: 'event-time', text: dateTime(change.at)}),
          h('span', {class: 'event-what'}, pill(change.from), ' → ', pill(change.to)),
          h('span', {class: 'muted small'}, [
            previous !== null ? 'after ' + duration((at - previous) / 1000) : null,
            change.worker ? 'worker ' + change.worker : null,
            change.attempt ? 'attempt ' + change.attempt : null,
          ].filter(Boolean).join(' · ')),
          change.reason ? h('span', {class: 'event-reason', text: change.reason}) : null));
      previous = at;
    }
    if (model.task && isWaiting(model.task) && model.waiting) {
      items.push(h('li', {class: 'event waiting-now' + (isStuck(model.waiting) ? ' stuck' : ''), id: 'timeline-waiting'},
          h('span', {class: 'event-time', text: 'now'}),
          h('span', {class: 'event-what'}, 'waiting as ', pill(model.task.status)),
          hint(model.waiting)));
    }
    fill(panels.timeline, items.length ? h('ol', {class: 'timeline', id: 'timeline'}, items) : empty('No changes yet.'));
  }

  // ---- the stream
  const stream = new LiveStream('/tasks/' + id + '/events', {
    onEvent(type, data) {
      if (data.seq <= lastSeq) return;
      lastSeq = data.seq;
      if (type === 'task.created') {
        model.createdAt = data.at;
        if (!model.task) model.task = data.task;
        renderHeader();
        if (tab === 'timeline') renderTimeline();
      } else if (type === 'task.status') {
        model.statuses.push(data);
        if (model.task) {
          model.task.status = data.to;
          if (data.worker) model.task.worker = data.worker;
          if (data.attempt) model.task.attempts = data.attempt;
          renderHeader();
        }
        if (tab === 'timeline') renderTimeline();
      } else if (type === 'task.updated') {
        model.task = data.task;
        renderHeader();
      } else if (type === 'task.log') {
        appendLines(data.lines);
        transcriptChanged();
      } else if (type === 'task.progress') {
        if (data.progress) model.progress = data.progress;
        for (const step of data.steps) model.steps.set(step.attempt + ':' + step.index, step);
        if (tab === 'flow' && flowLoaded) renderFlow();
      } else if (type === 'task.finished') {
        model.result = data.result;
        if (tab === 'details') loadDetails();
      }
    },
  });

  api(paths.task(id)).then(t => {
    model.task = t;
    renderHeader();
    stream.start();
  }, e => {
    if (e.status === 404) {
      fill(root, h('header', {class: 'view-head', id: 'task-missing'},
          h('a', {href: '#/tasks', class: 'back', text: '← Tasks'}),
          h('h1', {text: 'No task #' + id}),
          h('p', {class: 'muted', text: 'This hub has no task with that number. Check the address, or find the task in the list.'})));
      return;
    }
    title.textContent = 'Task #' + id;
    showError('Could not load the task: ' + e.message);
  });
  renderTabs();

  return {
    update(p) {
      tab = p.tab;
      renderTabs();
    },
    unmount() {
      clearInterval(rethink);
      stream.close();
      if (transcriptTimer !== null) clearTimeout(transcriptTimer);
    },
  };
}
