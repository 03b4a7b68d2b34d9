// The task list: search, filters and pages over the whole history, kept live.

import {api, query} from '../api.js';
import {h, fill, pill, empty} from '../dom.js';
import {ago, duration, headline, number, since} from '../format.js';
import {hint, isStuck, isWaiting, stuckBadge} from '../waiting.js';

export const name = 'tasks';
export const key = () => 'tasks';

const PAGE = 50;
const STATUSES = ['draft', 'pending', 'blocked', 'running', 'completed', 'failed', 'cancelled', 'timed_out', 'stale'];

export function mount(root, params, app) {
  let filters = normalise(params);
  let page = null;
  let refreshTimer = null;
  let lastFetch = 0;
  let generation = 0;

  const search = h('input', {type: 'search', id: 'task-search', placeholder: 'Search descriptions', 'aria-label': 'Search descriptions'});
  const status = h('select', {id: 'task-status', 'aria-label': 'Status'},
      h('option', {value: '', text: 'Any status'}), STATUSES.map(s => h('option', {value: s, text: s.replace('_', ' ')})));
  const project = h('select', {id: 'task-project', 'aria-label': 'Project'}, h('option', {value: '', text: 'Any project'}));
  const body = h('tbody', {id: 'task-rows'});
  const summary = h('span', {class: 'muted', id: 'task-count'});
  const prev = h('button', {type: 'button', id: 'page-prev', text: '← Newer'});
  const next = h('button', {type: 'button', id: 'page-next', text: 'Older →'});
  const first = h('button', {type: 'button', id: 'page-first', text: 'Newest'});
  const last = h('button', {type: 'button', id: 'page-last', text: 'Oldest'});

  root.append(
      h('header', {class: 'view-head'}, h('h1', {text: 'Tasks'})),
      h('div', {class: 'toolbar'}, search, status, project),
      h('div', {class: 'table-wrap'}, h('table', {class: 'tasks'},
          h('thead', {}, h('tr', {}, ['#', 'Status', 'Description', 'Project', 'Backend', 'Created', 'Ran']
              .map((label, i) => h('th', {class: 'col-' + i, text: label})))),
          body)),
      h('div', {class: 'pager'}, first, prev, summary, next, last));

  let typing = null;
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => go({page: 1}), 250);
  });
  status.addEventListener('change', () => go({status: status.value, page: 1}));
  project.addEventListener('change', () => go({project: project.value, page: 1}));
  prev.addEventListener('click', () => go({page: filters.page - 1}));
  next.addEventListener('click', () => go({page: filters.page + 1}));
  first.addEventListener('click', () => go({page: 1}));
  last.addEventListener('click', () => go({page: pages()}));

  function normalise(p) {
    return {q: p.q || '', status: p.status || '', project: p.project || '', page: Math.max(1, parseInt(p.page, 10) || 1)};
  }

  function pages() {
    return page ? Math.max(1, Math.ceil(page.total / PAGE)) : 1;
  }

  /** Filters live in the address, so a view can be bookmarked and Back works. */
  function go(change) {
    clearTimeout(typing);
    // What is in the search box counts even if its pause has not passed yet; changes made before the address
    // catches up build on each other.
    const next = {...filters, q: search.value, ...change};
    filters = next;
    const q = new URLSearchParams();
    if (next.q) q.set('q', next.q);
    if (next.status) q.set('status', next.status);
    if (next.project) q.set('project', next.project);
    if (next.page > 1) q.set('page', String(next.page));
    const text = q.toString();
    app.navigate('#/tasks' + (text ? '?' + text : ''));
  }

  async function load() {
    const mine = ++generation;
    lastFetch = Date.now();
    const result = await api('/tasks' + query({q: filters.q, status: filters.status, project: filters.project,
      limit: PAGE, offset: (filters.page - 1) * PAGE}));
    if (mine !== generation) return;
    page = result;
    render();
  }

  function render() {
    if (document.activeElement !== search) search.value = filters.q;
    status.value = filters.status;
    project.value = filters.project;
    if (page.tasks.length === 0) {
      fill(body, h('tr', {}, h('td', {colspan: 7}, empty(filters.q || filters.status || filters.project
          ? 'No task matches these filters.' : 'No tasks yet. Submit one with "New task".'))));
    } else {
      fill(body, page.tasks.map(row));
    }
    const from = page.total === 0 ? 0 : page.offset + 1;
    const to = page.offset + page.tasks.length;
    summary.textContent = number(from) + '–' + number(to) + ' of ' + number(page.total);
    prev.disabled = first.disabled = filters.page <= 1;
    next.disabled = last.disabled = filters.page >= pages();
  }

  function row(t) {
    const ran = t.started_at ? duration(t.finished_at ? (Date.parse(t.finished_at) - Date.parse(t.started_at)) / 1000
        : since(t.started_at)) : '—';
    return h('tr', {'data-task': t.id, class: 'status-row-' + t.status + (isStuck(known(t)) ? ' stuck' : ''), on: {click: event => {
      if (!event.target.closest('a')) app.navigate('#/tasks/' + t.id);
    }}},
    h('td', {class: 'col-0'}, h('a', {href: '#/tasks/' + t.id, text: '#' + t.id})),
    h('td', {class: 'col-1 status-cell'}, pill(t.status), isStuck(known(t)) ? stuckBadge() : null),
    h('td', {class: 'col-2 description'}, h('div', {class: 'description-text', text: headline(t.description, 200)}),
        hint(known(t), {badge: false})),
    h('td', {class: 'col-3', text: t.project}),
    h('td', {class: 'col-4', text: t.backend}),
    h('td', {class: 'col-5', text: ago(t.created_at), title: t.created_at}),
    h('td', {class: 'col-6', text: ran}));
  }

  /** Why the task waits, as the page read from the hub says ({reason, stuck}); nothing once it no longer waits. */
  function known(t) {
    return isWaiting(t) && page.waiting ? page.waiting[t.id] || null : null;
  }

  /** Events can arrive in bursts; the page is read again at most once a second. */
  function refreshSoon() {
    if (refreshTimer) return;
    const wait = Math.max(0, 1000 - (Date.now() - lastFetch));
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      load().catch(() => {});
    }, wait);
  }

  const off = app.onEvent((type, data) => {
    if (!page) return;
    if (type === 'task.created') {
      if (filters.page === 1) refreshSoon();
      else {
        page.total += 1;
        render();
      }
    } else if (type === 'task.status' || type === 'task.updated') {
      const id = type === 'task.status' ? data.task_id : data.task.id;
      const shown = page.tasks.find(t => t.id === id);
      if (!shown) {
        if (filters.status && type === 'task.status' && data.to === filters.status) refreshSoon();
        return;
      }
      if (type === 'task.updated') Object.assign(shown, data.task);
      else {
        shown.status = data.to;
        if (data.to === 'running') shown.started_at = data.at;
        if (['completed', 'failed', 'cancelled', 'timed_out', 'stale'].includes(data.to)) shown.finished_at = data.at;
      }
      render();
      // A task that starts waiting again (retried, blocked) needs the hub's word on why: the page is read again.
      if ((filters.status && shown.status !== filters.status) || isWaiting(shown)) refreshSoon();
    } else if (type === 'project.changed' && data.created) {
      addProject(data.project.name);
    }
  });

  function addProject(name) {
    if ([...project.options].some(o => o.value === name)) return;
    project.append(h('option', {value: name, text: name}));
  }

  // Workers come and go, and limits lift, without task events: a page with waiting tasks is read again now and then
  // (one request for the whole page, which carries every reason).
  const rethink = setInterval(() => {
    if (page && page.tasks.some(isWaiting)) refreshSoon();
  }, 5000);
  const offSpokes = app.onEvent(type => {
    if (type === 'spoke.changed' && page) refreshSoon();
  });

  api('/projects').then(list => {
    list.forEach(p => addProject(p.name));
    project.value = filters.project;
  }).catch(() => {});
  load().catch(e => fill(body, h('tr', {}, h('td', {colspan: 7}, empty('Could not load tasks: ' + e.message)))));

  return {
    update(p) {
      filters = normalise(p);
      load().catch(e => fill(body, h('tr', {}, h('td', {colspan: 7}, empty('Could not load tasks: ' + e.message)))));
    },
    unmount() {
      off();
      offSpokes();
      clearInterval(rethink);
      clearTimeout(refreshTimer);
      clearTimeout(typing);
    },
  };
}
