// Activity: a year of finished tasks per day, GitHub style, per project or all together, with a tooltip.

import {api as hubApi, query} from '../api.js';
import {h, svg, fill, pill, empty} from '../dom.js';
import {headline, number, plural} from '../format.js';

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

/**
 * GitHub's scale: level 0 for an empty day, then four levels split at the quartiles of the non-empty days, so
 * one very busy day does not flatten the rest of the year.
 */
export function quantiles(counts) {
  const sorted = counts.filter(c => c > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return [1, 1, 1];
  const at = q => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))];
  return [at(0.25), at(0.5), at(0.75)];
}

export function level(count, cuts) {
  if (count === 0) return 0;
  if (count <= cuts[0]) return 1;
  if (count <= cuts[1]) return 2;
  if (count <= cuts[2]) return 3;
  return 4;
}

function range(l, cuts) {
  const low = l === 1 ? 1 : cuts[l - 2] + 1;
  const high = l === 4 ? null : cuts[l - 1];
  if (high !== null && high < low) return null;
  return high === null ? low + ' or more' : low === high ? String(low) : low + '–' + high;
}

export function mount(root, params, app) {
  let activity = null;
  let chosen = '';
  const select = h('select', {id: 'activity-project', 'aria-label': 'Project'});
  const chart = h('div', {class: 'heatmap-wrap', id: 'heatmap'});
  const legend = h('div', {class: 'heatmap-legend-wrap'});
  const totals = h('div', {id: 'activity-totals'});
  const dayList = h('section', {class: 'card day-tasks', id: 'day-tasks', hidden: true});
  const tooltip = document.getElementById('tooltip');
  root.append(h('header', {class: 'view-head'}, h('h1', {text: 'Activity'}),
      h('p', {class: 'muted', text: 'Tasks finished per day over the last year.'})),
  h('div', {class: 'toolbar'}, select), h('section', {class: 'card'}, chart, legend), dayList, totals);
  select.addEventListener('change', () => {
    chosen = select.value;
    dayList.hidden = true;
    render();
  });
  // On a narrow screen the year scrolls sideways. It opens at its end, so that today is in view, and stays pinned
  // there (through redraws and a scrollbar appearing) until the person scrolls back.
  let pinned = true;
  chart.addEventListener('scroll', () => {
    pinned = chart.scrollLeft + chart.clientWidth >= chart.scrollWidth - 4;
  });
  const pin = () => {
    if (pinned) chart.scrollLeft = chart.scrollWidth;
  };
  const resizes = new ResizeObserver(pin);
  resizes.observe(chart);

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
    const cuts = quantiles([...days.values()].map(d => d.completed + d.failed));
    const graph = svg('svg', {class: 'heatmap', viewBox: '0 0 ' + width + ' ' + height, width, height, role: 'img',
      'aria-label': 'Finished tasks per day'});
    [1, 3, 5].forEach(d => graph.append(svg('text', {x: 0, y: TOP + d * (CELL + GAP) + CELL - 2, class: 'axis'}, WEEKDAYS[d])));
    let lastMonth = -1;
    let total = 0;
    let failedTotal = 0;
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
        failedTotal += entry.failed;
        const ended = entry.completed + entry.failed;
        graph.append(svg('rect', {x: LEFT + w * (CELL + GAP), y: TOP + d * (CELL + GAP), width: CELL, height: CELL, rx: 2,
          class: 'cell lvl-' + level(ended, cuts) + (entry.failed ? ' has-failed' : '') + (key === activity.to ? ' today' : ''),
          'data-day': key, 'data-count': ended, 'data-completed': entry.completed, 'data-failed': entry.failed}));
        if (entry.failed) {
          graph.append(svg('circle', {cx: LEFT + w * (CELL + GAP) + CELL - 3, cy: TOP + d * (CELL + GAP) + 3, r: 2.2,
            class: 'failed-mark', 'data-day': key}));
        }
      }
    }
    graph.addEventListener('mouseover', event => show(event, days));
    graph.addEventListener('mousemove', event => place(event));
    graph.addEventListener('mouseout', () => { tooltip.hidden = true; });
    graph.addEventListener('click', event => {
      const cell = event.target.closest('[data-day]');
      if (cell) listDay(cell.dataset.day);
    });
    const keep = chart.scrollLeft;
    const wasPinned = pinned;
    fill(chart, graph);
    fill(legend, h('div', {class: 'legend small muted', id: 'heatmap-legend'},
            h('span', {id: 'activity-total', text: number(total) + ' completed' + (failedTotal ? ', ' + number(failedTotal) + ' failed' : '')
              + ' in the last year'}),
            h('span', {class: 'legend-scale'}, 'Less ', [0, 1, 2, 3, 4].map(l => {
              const text = l === 0 ? 'no task ended' : range(l, cuts);
              return svg('svg', {width: CELL, height: CELL, class: 'legend-cell', 'data-level': l},
                  svg('rect', {width: CELL, height: CELL, rx: 2, class: 'cell lvl-' + l}),
                  svg('title', {}, text === null ? 'not used' : text + (l === 0 ? '' : ' tasks ended')));
            }), ' More',
            h('span', {class: 'legend-failed'}, svg('svg', {width: CELL, height: CELL, class: 'legend-cell'},
                svg('rect', {width: CELL, height: CELL, rx: 2, class: 'cell lvl-2'}),
                svg('circle', {cx: CELL - 3, cy: 3, r: 2.2, class: 'failed-mark'})), ' had failures'))));
    chart.scrollLeft = wasPinned ? chart.scrollWidth : keep;
    const perProject = new Map();
    for (const d of activity.days) {
      if (chosen && d.project !== chosen) continue;
      const p = perProject.get(d.project) || {completed: 0, failed: 0};
      p.completed += d.completed;
      p.failed += d.failed;
      perProject.set(d.project, p);
    }
    fill(totals, perProject.size ? h('table', {class: 'tasks compact'},
        h('thead', {}, h('tr', {}, h('th', {text: 'Project'}), h('th', {text: 'Completed'}), h('th', {text: 'Failed'}))),
        h('tbody', {}, [...perProject.entries()].sort((a, b) => b[1].completed - a[1].completed).map(([p, c]) =>
            h('tr', {'data-project': p}, h('td', {text: p}), h('td', {text: number(c.completed)}), h('td', {text: number(c.failed)})))))
      : empty(chosen ? 'No task of ' + chosen + ' has finished in the last year.' : 'No task has finished in the last year.'));
    pin();
  }

  /** The tasks that ended on one day, in the zone the hub counts its days in, however long before they were created. */
  let listed = 0;
  async function listDay(key) {
    const mine = ++listed;
    dayList.hidden = false;
    fill(dayList, h('h2', {text: label(parseDay(key))}), h('p', {class: 'muted', text: 'Loading…'}));
    try {
      const page = await hubApi('/tasks' + query({finished_on: key, tz: activity.time_zone, project: chosen, limit: 1000}));
      if (mine !== listed) return;
      const ended = page.tasks;
      fill(dayList, h('div', {class: 'panel-bar'}, h('h2', {text: label(parseDay(key)) + ': ' + plural(ended.length, 'task') + ' ended'}),
          h('button', {type: 'button', text: 'Close', on: {click: () => { dayList.hidden = true; }}})),
      ended.length === 0 ? empty('No task ended that day' + (chosen ? ' in ' + chosen : '') + '.')
        : h('div', {class: 'table-wrap'}, h('table', {class: 'tasks'}, h('tbody', {}, ended.map(t => h('tr', {'data-task': t.id,
          on: {click: () => app.navigate('#/tasks/' + t.id)}},
            h('td', {}, h('a', {href: '#/tasks/' + t.id, text: '#' + t.id})),
            h('td', {}, pill(t.status)),
            h('td', {class: 'description', text: headline(t.description, 120)}),
            h('td', {class: 'muted', text: t.project})))))));
      dayList.scrollIntoView({block: 'nearest'});
    } catch (e) {
      if (mine === listed) fill(dayList, empty('Could not load that day\'s tasks: ' + e.message));
    }
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

  hubApi('/stats/activity?days=365').then(a => {
    activity = a;
    render();
  }, e => fill(chart, empty('Could not load activity: ' + e.message)));
  return {unmount() {
    resizes.disconnect();
    off();
    tooltip.hidden = true;
  }};
}
