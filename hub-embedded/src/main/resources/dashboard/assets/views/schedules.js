// Schedules: every repeating task with its next and last run, pause/resume and cancel; one schedule's runs.

import {api, query} from '../api.js';
import {h, append, fill, pill, empty} from '../dom.js';
import {ago, dateTime, dateTimeIn, headline, plural, until} from '../format.js';
import {confirm} from '../dialogs.js';

export const name = 'schedules';
export const key = params => (params.id ? 'schedule-' + params.id : 'schedules');

const RUNS = 50;

export function mount(root, params, app) {
  const list = h('div', {id: 'schedules'});
  const notice = h('p', {class: 'error', hidden: true, id: 'schedule-error'});
  append(root, [h('header', {class: 'view-head'},
      params.id ? h('a', {href: '#/schedules', class: 'back', text: '← Schedules'}) : null,
      h('h1', {text: params.id ? 'Schedule ' + params.id : 'Schedules'}),
      params.id ? null : h('p', {class: 'muted',
        text: 'Tasks that repeat: each firing queues one run. Create one with "New task" and a cron expression or an interval.'})),
  notice, list]);
  let schedules = [];
  let runs = null;

  function showError(message) {
    notice.textContent = message;
    notice.hidden = !message;
  }

  function when(s) {
    return s.cron ? 'cron ' + s.cron + ' (' + s.time_zone + ')' : 'every ' + s.every;
  }

  function nextRun(s) {
    if (s.state === 'paused') return 'paused';
    if (!s.next_run_at) return '—';
    return until(s.next_run_at);
  }

  function lastRun(s) {
    if (!s.last_run_at) return h('span', {class: 'muted', text: 'not yet'});
    return h('span', {}, ago(s.last_run_at), s.last_task_id ? [' · ', h('a', {href: '#/tasks/' + s.last_task_id, text: '#' + s.last_task_id})] : null);
  }

  function buttons(s) {
    const out = [];
    const act = async (question, path) => {
      const answer = await confirm(question);
      if (!answer.ok) return;
      try {
        const changed = await api('/schedules/' + s.id + '/' + path, {method: 'POST', body: {}});
        showError('');
        schedules = schedules.map(x => (x.id === changed.id ? changed : x));
        render();
      } catch (e) {
        showError(e.message);
      }
    };
    if (s.state === 'active') {
      out.push(h('button', {type: 'button', 'data-action': 'pause', text: 'Pause', on: {click: event => {
        event.stopPropagation();
        act({title: 'Pause this schedule?', message: headline(s.description, 80) + ' will queue no runs until it is resumed.',
          action: 'Pause'}, 'pause');
      }}}));
    }
    if (s.state === 'paused') {
      out.push(h('button', {type: 'button', class: 'primary', 'data-action': 'resume', text: 'Resume', on: {click: event => {
        event.stopPropagation();
        act({title: 'Resume this schedule?', message: headline(s.description, 80)
            + ' will run again from its next firing; the firings it missed while paused are skipped.', action: 'Resume'}, 'resume');
      }}}));
    }
    if (s.state !== 'cancelled') {
      out.push(h('button', {type: 'button', class: 'danger', 'data-action': 'cancel', text: 'Cancel', on: {click: event => {
        event.stopPropagation();
        act({title: 'Cancel this schedule?', message: headline(s.description, 80)
            + ' will never run again. Runs already queued are left alone.', action: 'Cancel schedule', danger: true}, 'cancel');
      }}}));
    }
    return h('div', {class: 'actions schedule-actions'}, out);
  }

  function row(s) {
    return h('tr', {'data-schedule': s.id, on: {click: event => {
      if (!event.target.closest('a, button')) app.navigate('#/schedules/' + s.id);
    }}},
    h('td', {class: 'col-0'}, h('a', {href: '#/schedules/' + s.id, text: '#' + s.id})),
    h('td', {class: 'col-1'}, h('span', {class: 'pill schedule-state state-' + s.state, text: s.state})),
    h('td', {class: 'col-2 description'}, h('div', {class: 'schedule-title', text: headline(s.description, 120)}),
        h('div', {class: 'muted small schedule-when', text: when(s)})),
    h('td', {class: 'col-3', text: s.project}),
    h('td', {class: 'col-4 next-run', text: nextRun(s), title: s.next_run_at ? dateTimeIn(s.next_run_at, s.time_zone) : null}),
    h('td', {class: 'col-5 last-run'}, lastRun(s)),
    h('td', {class: 'col-6 run-count', text: plural(s.runs, 'run')}),
    h('td', {class: 'col-7'}, buttons(s)));
  }

  function detail(s) {
    return [h('article', {class: 'card schedule', 'data-schedule': s.id},
        h('div', {class: 'node-title'}, h('strong', {text: headline(s.description, 160)}),
            h('span', {class: 'pill schedule-state state-' + s.state, text: s.state})),
        h('dl', {class: 'facts'},
            fact('Repeats', when(s)), fact('Project', s.project),
            fact('Next run', s.state === 'active' && s.next_run_at ? dateTimeIn(s.next_run_at, s.time_zone) + ' (' + until(s.next_run_at) + ')' : nextRun(s), 'next-run'),
            fact('Last run', s.last_run_at ? dateTimeIn(s.last_run_at, s.time_zone) : 'not yet', 'last-run'),
            fact('Runs', plural(s.runs, 'run'), 'run-count'),
            fact('Created', dateTime(s.created_at)),
            s.cancelled_at ? fact('Cancelled', dateTime(s.cancelled_at)) : null),
        buttons(s)),
    h('h2', {text: 'Runs'}),
    runs === null ? h('p', {class: 'muted', text: 'Loading runs…'})
      : runs.tasks.length === 0 ? empty('No run yet.')
        : h('div', {class: 'table-wrap'}, h('table', {class: 'tasks', id: 'schedule-runs'},
            h('thead', {}, h('tr', {}, ['#', 'Status', 'For firing', 'Created'].map((label, i) => h('th', {class: 'col-' + i, text: label})))),
            h('tbody', {}, runs.tasks.map(t => h('tr', {'data-task': t.id, on: {click: () => app.navigate('#/tasks/' + t.id)}},
                h('td', {}, h('a', {href: '#/tasks/' + t.id, text: '#' + t.id})),
                h('td', {}, pill(t.status)),
                h('td', {text: dateTimeIn(t.scheduled_for, s.time_zone) + (t.catch_up ? ' (catch-up)' : '')}),
                h('td', {class: 'muted', text: ago(t.created_at)})))))),
    runs && runs.total > runs.tasks.length ? h('p', {class: 'muted small', text: 'The newest ' + runs.tasks.length + ' of ' + plural(runs.total, 'run') + '.'}) : null];
  }

  function fact(label, value, cls) {
    return h('div', {class: cls || null}, h('dt', {text: label}), h('dd', {text: value}));
  }

  function render() {
    if (params.id) {
      const s = schedules[0];
      if (s) fill(list, detail(s));
      return;
    }
    fill(list, schedules.length === 0 ? empty('No schedules yet. In "New task", choose how it repeats.')
      : h('div', {class: 'table-wrap'}, h('table', {class: 'tasks schedules'},
          h('thead', {}, h('tr', {}, ['#', 'State', 'Task', 'Project', 'Next run', 'Last run', 'Runs', '']
              .map((label, i) => h('th', {class: 'col-' + i, text: label})))),
          h('tbody', {id: 'schedule-rows'}, schedules.map(row)))));
  }

  async function load() {
    if (params.id) {
      const [s, r] = await Promise.all([api('/schedules/' + params.id), api('/schedules/' + params.id + '/runs' + query({limit: RUNS}))]);
      schedules = [s];
      runs = r;
    } else {
      schedules = await api('/schedules');
    }
    render();
  }

  let pending = null;
  const off = app.onEvent((type, data) => {
    if (type === 'task.created' && data.task.schedule_id && (!params.id || data.task.schedule_id === params.id)) {
      clearTimeout(pending);
      pending = setTimeout(() => load().catch(() => {}), 300);
    } else if (type === 'task.status' && runs && runs.tasks.some(t => t.id === data.task_id)) {
      runs.tasks.find(t => t.id === data.task_id).status = data.to;
      render();
    }
  });
  // "in 4m" moves with the clock.
  const clock = setInterval(render, 15000);

  load().catch(e => fill(list, empty(e.status === 404 ? 'There is no schedule ' + params.id + '.' : 'Could not load schedules: ' + e.message)));
  return {unmount() {
    off();
    clearTimeout(pending);
    clearInterval(clock);
  }};
}
