// Live jobs: every running task with its elapsed time, current step and last line of output (for agents, the
// latest readable step of their transcript rather than a raw JSON line).

import {api, query} from '../api.js';
import {h, fill, empty, clear} from '../dom.js';
import {duration, headline, since} from '../format.js';
import * as ansi from '../ansi.js';
import {actionButtons} from '../actions.js';
import {AGENT_BACKENDS, TranscriptFeed, latestStep} from '../transcript.js';

export const name = 'jobs';

export function mount(root, params, app) {
  const jobs = new Map(); // task id -> {task, lastLine, step, card}
  const list = h('div', {class: 'jobs', id: 'jobs'});
  root.append(h('header', {class: 'view-head'}, h('h1', {text: 'Live jobs'}),
      h('p', {class: 'muted', text: 'Running tasks, their elapsed time and latest output, as it happens.'})), list);
  app.wantLogs(true);

  function render() {
    if (jobs.size === 0) {
      fill(list, empty('No task is running.'));
      return;
    }
    const ordered = [...jobs.values()].sort((a, b) => String(a.task.started_at).localeCompare(String(b.task.started_at)));
    fill(list, ordered.map(job => job.card || (job.card = card(job))));
  }

  function card(job) {
    const t = job.task;
    const el = h('article', {class: 'card job', 'data-task': t.id},
        h('div', {class: 'job-head'},
            h('a', {href: '#/tasks/' + t.id, class: 'job-title'}, h('span', {class: 'task-id', text: '#' + t.id}), ' ',
                h('span', {class: 'task-text', text: headline(t.description, 120)})),
            h('span', {class: 'elapsed', text: ''})),
        h('div', {class: 'job-meta muted small'},
            h('span', {text: t.project}), ' · ', h('span', {text: t.backend}), ' · ',
            h('span', {class: 'job-worker', text: t.worker ? 'on ' + t.worker : ''})),
        h('div', {class: 'job-step small'}),
        h('div', {class: 'last-line log'}),
        h('div', {class: 'actions'}, actionButtons(t, () => {}, e => {
          el.querySelector('.job-step').textContent = 'Could not cancel: ' + e.message;
        })));
    job.card = el;
    paint(job);
    return el;
  }

  function paint(job) {
    const el = job.card;
    if (!el) return;
    el.querySelector('.elapsed').textContent = duration(since(job.task.started_at));
    el.querySelector('.job-step').textContent = job.step ? 'Now: ' + job.step : '';
    const line = el.querySelector('.last-line');
    clear(line);
    if (job.feed) {
      if (job.latestStep) line.append(h('div', {class: 'last-step', text: job.latestStep, title: job.latestStep}));
      else line.append(h('span', {class: 'muted', text: 'no output yet'}));
    } else if (job.lastLine) ansi.render(line, job.lastLine);
    else line.append(h('span', {class: 'muted', text: 'no output yet'}));
  }

  async function add(taskId) {
    const [t, detail] = await Promise.all([api('/tasks/' + taskId), api('/tasks/' + taskId + '/detail-status').catch(() => null)]);
    if (t.status !== 'running') return;
    const job = jobs.get(taskId) || {task: t};
    job.task = t;
    if (AGENT_BACKENDS.has(t.backend) && !job.feed) {
      job.feed = new TranscriptFeed(taskId, () => {
        job.latestStep = latestStep(job.feed.entries);
        paint(job);
      });
      job.feed.refresh().catch(() => {});
    }
    if (detail) {
      job.lastLine = job.lastLine || detail.last_output;
      job.step = job.step || detail.current_step;
    }
    jobs.set(taskId, job);
    render();
  }

  async function load() {
    const page = await api('/tasks' + query({status: 'running', limit: 200}));
    await Promise.all(page.tasks.map(t => add(t.id)));
    render();
  }

  const off = app.onEvent((type, data) => {
    if (type === 'task.status') {
      if (data.to === 'running') add(data.task_id).catch(() => {});
      else if (jobs.has(data.task_id)) {
        jobs.delete(data.task_id);
        render();
      }
    } else if (type === 'task.log' && jobs.has(data.task_id)) {
      const lines = data.lines.filter(l => ansi.plain(l.text).trim() !== '');
      const job = jobs.get(data.task_id);
      if (job.feed) {
        // at most one transcript request per job every 500 ms
        if (!job.timer) job.timer = setTimeout(() => {
          job.timer = null;
          job.feed.refresh().catch(() => {});
        }, 500);
      } else if (lines.length) {
        job.lastLine = lines[lines.length - 1].text;
        paint(job);
      }
    } else if (type === 'task.progress' && jobs.has(data.task_id) && data.progress) {
      const job = jobs.get(data.task_id);
      job.step = data.progress.current_step;
      paint(job);
    }
  });

  const clock = setInterval(() => {
    for (const job of jobs.values()) {
      if (job.card) job.card.querySelector('.elapsed').textContent = duration(since(job.task.started_at));
    }
  }, 1000);

  load().catch(e => fill(list, empty('Could not load running tasks: ' + e.message)));
  return {unmount() {
    off();
    for (const job of jobs.values()) if (job.timer) clearTimeout(job.timer);
    clearInterval(clock);
    app.wantLogs(false);
  }};
}
