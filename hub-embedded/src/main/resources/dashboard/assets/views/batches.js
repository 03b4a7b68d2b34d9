// Batch tracking: progress of each batch, and one batch's tasks, kept live from task events.

import {api, query} from '../api.js';
import {h, append, fill, pill, empty, setWidth} from '../dom.js';
import {ago, headline, number, percent} from '../format.js';

export const name = 'batches';
export const key = params => (params.id ? 'batch-' + params.id : 'batches');

const ENDED = ['completed', 'failed', 'cancelled', 'timed_out', 'stale'];
const ORDER = ['running', 'pending', 'blocked', 'draft', 'completed', 'failed', 'cancelled', 'timed_out', 'stale'];
/** How many of the newest batches the list shows. */
const RECENT = 30;

export function mount(root, params, app) {
  const batches = new Map(); // id -> BatchStatus
  const owner = new Map(); // task id -> batch id
  const list = h('div', {class: params.id ? 'batch-detail' : 'batch-list', id: 'batches'});
  const opener = h('form', {class: 'toolbar', id: 'batch-open'},
      h('input', {type: 'number', min: 1, id: 'batch-id', placeholder: 'Batch number', 'aria-label': 'Batch number'}),
      h('button', {type: 'submit', text: 'Open'}));
  opener.addEventListener('submit', event => {
    event.preventDefault();
    const value = opener.querySelector('input').value;
    if (/^\d+$/.test(value)) app.navigate('#/batches/' + value);
  });
  // append() skips the null that Element.append would print as "null".
  append(root, [h('header', {class: 'view-head'},
      params.id ? h('a', {href: '#/batches', class: 'back', text: '← Batches'}) : null,
      h('h1', {text: params.id ? 'Batch ' + params.id : 'Batches'}),
      params.id ? null : h('p', {class: 'muted', text: 'Recent batches and how far each has got.'})),
  params.id ? null : opener, list]);

  function remember(b) {
    batches.set(b.id, b);
    for (const t of b.tasks) owner.set(t.id, b.id);
  }

  function render() {
    if (params.id) {
      const b = batches.get(params.id);
      if (b) fill(list, card(b, true));
      return;
    }
    const ordered = [...batches.values()].sort((a, b) => b.id - a.id);
    fill(list, ordered.length ? ordered.map(b => card(b, false)) : empty('No batches yet. Queue one with "dobby batch".'));
  }

  function card(b, full) {
    return h('article', {class: 'card batch', 'data-batch': b.id},
        h('div', {class: 'node-title'},
            full ? h('strong', {text: b.name || 'Batch ' + b.id})
              : h('a', {href: '#/batches/' + b.id}, h('strong', {text: b.name || 'Batch ' + b.id})),
            h('span', {class: 'muted small', text: '#' + b.id + ' · created ' + ago(b.created_at)})),
        h('div', {class: 'bar batch-bar'}, setWidth(h('div', {class: 'bar-fill'}), b.progress)),
        h('div', {class: 'batch-progress small'},
            h('strong', {class: 'batch-done', text: number(b.finished) + ' of ' + number(b.total) + ' finished'}),
            ' (' + percent(b.progress) + ')'),
        h('div', {class: 'counts'}, ORDER.filter(s => b.counts[s]).map(s =>
            h('span', {class: 'count', 'data-status': s}, pill(s), ' ' + b.counts[s]))),
        full ? h('div', {class: 'table-wrap'}, h('table', {class: 'tasks'}, h('tbody', {}, b.tasks.map(t => h('tr', {'data-task': t.id},
            h('td', {}, h('a', {href: '#/tasks/' + t.id, text: '#' + t.id})),
            h('td', {}, pill(t.status)),
            h('td', {class: 'description', text: headline(t.description, 160)}),
            h('td', {class: 'muted after'}, (t.depends_on || []).length ? ['after ', t.depends_on.map((d, i) =>
                [i ? ', ' : '', h('a', {href: '#/tasks/' + d, text: '#' + d})])] : null),
            h('td', {class: 'muted', text: t.project}))))))
          : null);
  }

  /** Apply a status change to the batch counts without asking the hub again. */
  function applyStatus(change) {
    const b = batches.get(owner.get(change.task_id));
    if (!b) return;
    b.counts[change.from] = Math.max(0, (b.counts[change.from] || 0) - 1);
    b.counts[change.to] = (b.counts[change.to] || 0) + 1;
    b.finished = ENDED.reduce((sum, s) => sum + (b.counts[s] || 0), 0);
    b.progress = b.total ? b.finished / b.total : 1;
    const t = b.tasks.find(x => x.id === change.task_id);
    if (t) t.status = change.to;
    render();
  }

  async function load() {
    if (params.id) {
      remember(await api('/batches/' + params.id));
    } else {
      (await api('/batches' + query({limit: RECENT}))).forEach(remember);
    }
    render();
  }

  const off = app.onEvent(async (type, data) => {
    if (type === 'task.status') applyStatus(data);
    else if (type === 'batch.created' && !params.id) {
      try {
        remember(await api('/batches/' + data.batch_id));
        render();
      } catch (e) {
        // gone again, or no key: nothing to show
      }
    }
  });

  load().catch(e => fill(list, empty(e.status === 404 ? 'There is no batch ' + params.id + '.' : 'Could not load batches: ' + e.message)));
  return {unmount: off};
}
