// Activity: a year of finished tasks per day, GitHub style, per project or all together, with a tooltip.

import {api} from '../api.js';
import {h, svg, fill, empty} from '../dom.js';
import {number} from '../format.js';

export const name = 'activity';

const CELL = 12;
const GAP = 3;
const LEFT = 30;
const TOP = 18;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Dates are the hub's calendar days ("2026-03-04"); they are handled as UTC dates so no zone shifts them. */
function parseDay(text) {
  return new Date(text + 'T00:00:00Z');
}

function dayKey(date) {
  return date.toISOString().slice(0, 10);
}

function label(date) {
  return WEEKDAYS[date.getUTCDay()] + ' ' + date.getUTCDate() + ' ' + MONTHS[date.getUTCMonth()] + ' ' + date.getUTCFullYear();
}

export function mount(root, params, app) {
  let activity = null;
  let chosen = '';
  const select = h('select', {id: 'activity-project', 'aria-label': 'Project'});
  const chart = h('div', {class: 'heatmap-wrap', id: 'heatmap'});
  const totals = h('div', {id: 'activity-totals'});
  const tooltip = document.getElementById('tooltip');
  root.append(h('header', {class: 'view-head'}, h('h1', {text: 'Activity'}),
      h('p', {class: 'muted', text: 'Tasks finished per day over the last year.'})),
  h('div', {class: 'toolbar'}, select), h('section', {class: 'card'}, chart), totals);
  select.addEventListener('change', () => {
    chosen = select.value;
    render();
  });

  /** day -> {completed, failed, projects: {name: {completed, failed}}} for the chosen project (or all). */
  function byDay() {
    const days = new Map();
    for (const d of activity.days) {
      if (chosen && d.project !== chosen) continue;
      const entry = days.get(d.day) || {completed: 0, failed: 0, projects: {}};
      entry.completed += d.completed;
      entry.failed += d.failed;
      const p = entry.projects[d.project] || (entry.projects[d.project] = {completed: 0, failed: 0});
      p.completed += d.completed;
      p.failed += d.failed;
      days.set(d.day, entry);
    }
    return days;
  }

  function level(count, max) {
    if (count === 0) return 0;
    return Math.min(4, 1 + Math.floor((count / max) * 3.999));
  }

  function render() {
    const projects = [...new Set(activity.days.map(d => d.project))].sort();
    fill(select, h('option', {value: '', text: 'All projects'}), projects.map(p => h('option', {value: p, text: p})));
    select.value = chosen;
    const days = byDay();
    const from = parseDay(activity.from);
    const to = parseDay(activity.to);
    const start = new Date(from);
    start.setUTCDate(start.getUTCDate() - start.getUTCDay());
    const weeks = Math.ceil(((to - start) / 86400000 + 1) / 7);
    const width = LEFT + weeks * (CELL + GAP);
    const height = TOP + 7 * (CELL + GAP);
    const max = Math.max(1, ...[...days.values()].map(d => d.completed));
    const graph = svg('svg', {class: 'heatmap', viewBox: '0 0 ' + width + ' ' + height, width, height, role: 'img',
      'aria-label': 'Finished tasks per day'});
    [1, 3, 5].forEach(d => graph.append(svg('text', {x: 0, y: TOP + d * (CELL + GAP) + CELL - 2, class: 'axis'}, WEEKDAYS[d])));
    let lastMonth = -1;
    let total = 0;
    for (let w = 0; w < weeks; w++) {
      for (let d = 0; d < 7; d++) {
        const date = new Date(start);
        date.setUTCDate(start.getUTCDate() + w * 7 + d);
        if (date < from || date > to) continue;
        if (d === 0 || date.getTime() === from.getTime()) {
          if (date.getUTCMonth() !== lastMonth && date.getUTCDate() <= 7) {
            graph.append(svg('text', {x: LEFT + w * (CELL + GAP), y: 11, class: 'axis'}, MONTHS[date.getUTCMonth()]));
          }
          lastMonth = date.getUTCMonth();
        }
        const key = dayKey(date);
        const entry = days.get(key) || {completed: 0, failed: 0, projects: {}};
        total += entry.completed;
        graph.append(svg('rect', {x: LEFT + w * (CELL + GAP), y: TOP + d * (CELL + GAP), width: CELL, height: CELL, rx: 2,
          class: 'cell lvl-' + level(entry.completed, max) + (entry.failed ? ' has-failed' : ''), 'data-day': key,
          'data-count': entry.completed}));
      }
    }
    graph.addEventListener('mouseover', event => show(event, days));
    graph.addEventListener('mousemove', event => place(event));
    graph.addEventListener('mouseout', () => { tooltip.hidden = true; });
    fill(chart, graph,
        h('div', {class: 'legend small muted'}, h('span', {id: 'activity-total', text: number(total) + ' completed in the last year'}),
            h('span', {class: 'legend-scale'}, 'Less ', [0, 1, 2, 3, 4].map(l => svg('svg', {width: CELL, height: CELL, class: 'legend-cell'},
                svg('rect', {width: CELL, height: CELL, rx: 2, class: 'cell lvl-' + l}))), ' More')));
    const perProject = new Map();
    for (const d of activity.days) {
      const p = perProject.get(d.project) || {completed: 0, failed: 0};
      p.completed += d.completed;
      p.failed += d.failed;
      perProject.set(d.project, p);
    }
    fill(totals, perProject.size ? h('table', {class: 'tasks compact'},
        h('thead', {}, h('tr', {}, h('th', {text: 'Project'}), h('th', {text: 'Completed'}), h('th', {text: 'Failed'}))),
        h('tbody', {}, [...perProject.entries()].sort((a, b) => b[1].completed - a[1].completed).map(([p, c]) =>
            h('tr', {'data-project': p}, h('td', {text: p}), h('td', {text: number(c.completed)}), h('td', {text: number(c.failed)})))))
      : empty('No task has finished in the last year.'));
  }

  function show(event, days) {
    const cell = event.target.closest('rect.cell[data-day]');
    if (!cell) return;
    const key = cell.dataset.day;
    const entry = days.get(key);
    const lines = [label(parseDay(key)) + ': ' + (entry ? number(entry.completed) + ' completed'
        + (entry.failed ? ', ' + number(entry.failed) + ' failed' : '') : 'nothing finished')];
    if (entry && !chosen) {
      for (const [p, c] of Object.entries(entry.projects).sort()) {
        lines.push(p + ': ' + c.completed + ' completed' + (c.failed ? ', ' + c.failed + ' failed' : ''));
      }
    }
    fill(tooltip, lines.map(line => h('div', {text: line})));
    tooltip.hidden = false;
    place(event);
  }

  function place(event) {
    if (tooltip.hidden) return;
    const x = Math.min(event.clientX + 12, window.innerWidth - tooltip.offsetWidth - 8);
    tooltip.style.left = Math.max(8, x) + 'px';
    tooltip.style.top = (event.clientY + 14) + 'px';
  }

  // A finished task adds to today's cell at once.
  const off = app.onEvent((type, data) => {
    if (type !== 'task.finished' || !activity) return;
    const status = data.result.status;
    if (status !== 'completed' && status !== 'failed') return;
    const today = activity.to;
    let entry = activity.days.find(d => d.day === today && d.project === data.project);
    if (!entry) activity.days.push(entry = {day: today, project: data.project, completed: 0, failed: 0});
    entry[status] += 1;
    render();
  });

  api('/stats/activity?days=365').then(a => {
    activity = a;
    render();
  }, e => fill(chart, empty('Could not load activity: ' + e.message)));
  return {unmount() {
    off();
    tooltip.hidden = true;
  }};
}
