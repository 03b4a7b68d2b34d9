// Projects: each project's full policy, and what its agents cost and used per day, as a chart.

import {api, query} from '../api.js';
import {h, svg, fill, empty} from '../dom.js';
import {cost, dateTime, duration, number, plural} from '../format.js';

export const name = 'projects';

const DAYS = 30;
const SERIES = 8; // project colours; more projects than this share the last one ("others")

/** Policy fields as people read them; anything the hub adds later is still shown, by its own name. */
const POLICY = {
  default_backend: ['Default backend', v => v],
  default_priority: ['Default priority', v => v],
  default_timeout: ['Default timeout', v => duration(v)],
  max_concurrent: ['Runs at once', v => number(v)],
  auto_chain: ['Auto-chain', v => (v ? 'yes: each task waits for the previous one' : 'no')],
  max_attempts: ['Max attempts', v => number(v)],
  retry_backoff: ['Retry backoff', v => duration(v) + ', doubling'],
  webhook_url: ['Webhook', v => v],
  daily_budget_usd: ['Daily budget', v => cost(v)],
  monthly_budget_usd: ['Monthly budget', v => cost(v)],
  budget_stop_running: ['At budget', v => (v ? 'stop running tasks' : 'let running tasks finish')],
  fallback_backend: ['On usage limit', v => 'fall back to ' + v],
  resume_on_timeout: ['Timed-out retries', v => (v ? 'resume the agent\'s session' : 'start over')],
  gpu_sharing: ['GPU sharing', v => (v ? 'tasks may share GPUs' : 'each task has its GPUs to itself')],
};
// What a field left unset means, so that no row says only "—".
const DEFAULTS = {
  default_backend: 'the hub\'s default', default_priority: 'normal', default_timeout: 'the hub\'s default',
  max_concurrent: '1', auto_chain: 'no', max_attempts: 'no automatic retries', retry_backoff: 'retry at once',
  webhook_url: 'only the hub\'s', daily_budget_usd: 'none', monthly_budget_usd: 'none',
  budget_stop_running: 'let running tasks finish', fallback_backend: 'wait for the reset', resume_on_timeout: 'start over',
  gpu_sharing: 'each task has its GPUs to itself',
};

export function mount(root, params, app) {
  let projects = [];
  let costs = null;
  let chosen = '';
  let measure = 'cost';
  const select = h('select', {id: 'projects-project', 'aria-label': 'Project'});
  const toggle = h('div', {class: 'segmented', id: 'cost-measure'});
  const chart = h('div', {class: 'cost-chart', id: 'cost-chart'});
  const list = h('div', {class: 'project-list', id: 'projects'});
  root.append(h('header', {class: 'view-head'}, h('h1', {text: 'Projects'}),
      h('p', {class: 'muted', text: 'Each project\'s policy, and what its agents used per day over the last ' + DAYS + ' days.'})),
  h('div', {class: 'toolbar'}, select, toggle),
  h('section', {class: 'card'}, chart), list);
  select.addEventListener('change', () => {
    chosen = select.value;
    load().catch(showFailure);
  });

  function renderToggle() {
    fill(toggle, [['cost', 'Cost'], ['tokens', 'Tokens']].map(([value, label]) => h('a', {href: '#/projects', 'data-measure': value,
      class: value === measure ? 'active' : null, text: label, on: {click: event => {
        event.preventDefault();
        measure = value;
        renderToggle();
        renderChart();
      }}})));
  }

  function value(day) {
    return measure === 'cost' ? day.cost_usd : day.tokens_in + day.tokens_out;
  }

  function format(v) {
    if (measure === 'cost') return v === 0 ? '$0' : cost(v);
    return compact(v) + ' tokens';
  }

  function renderChart() {
    if (!costs) return;
    const names = [...new Set(costs.days.map(d => d.project))].sort();
    const series = new Map(names.map((n, i) => [n, Math.min(i, SERIES - 1)]));
    const days = [];
    for (let d = new Date(costs.from + 'T00:00:00Z'); d <= new Date(costs.to + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() + 1)) {
      days.push(d.toISOString().slice(0, 10));
    }
    const byDay = new Map(days.map(d => [d, []]));
    for (const d of costs.days) if (byDay.has(d.day)) byDay.get(d.day).push(d);
    const totals = days.map(d => byDay.get(d).reduce((sum, x) => sum + value(x), 0));
    const top = niceCeiling(Math.max(...totals, 0));
    const W = 720;
    const H = 220;
    const left = 64;
    const bottom = 26;
    const plotH = H - bottom - 10;
    const step = (W - left - 8) / days.length;
    const bar = Math.max(3, step * 0.7);
    const graph = svg('svg', {class: 'costs', viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': (measure === 'cost' ? 'Cost' : 'Tokens') + ' per day'});
    for (let i = 0; i <= 4; i++) {
      const y = 10 + plotH - (plotH * i) / 4;
      graph.append(svg('line', {x1: left, x2: W - 4, y1: y, y2: y, class: 'grid'}),
          svg('text', {x: left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end'}, format(top * i / 4).replace(' tokens', '')));
    }
    days.forEach((day, i) => {
      const x = left + i * step + (step - bar) / 2;
      let y = 10 + plotH;
      for (const d of byDay.get(day).sort((a, b) => a.project.localeCompare(b.project))) {
        const height = top ? (value(d) / top) * plotH : 0;
        if (height <= 0) continue;
        y -= height;
        graph.append(svg('rect', {x, y, width: bar, height, class: 'series-' + series.get(d.project), 'data-day': day,
          'data-project': d.project}, svg('title', {}, day + ' · ' + d.project + ': ' + format(value(d)) + ' · '
            + plural(d.attempts, 'attempt'))));
      }
      if (i % 7 === days.length % 7 || i === days.length - 1) {
        graph.append(svg('text', {x: left + i * step + step / 2, y: H - 8, class: 'axis', 'text-anchor': 'middle'}, shortDay(day)));
      }
    });
    const sum = totals.reduce((a, b) => a + b, 0);
    fill(chart,
        h('div', {class: 'chart-head'}, h('strong', {id: 'cost-total', text: format(sum)}),
            h('span', {class: 'muted small', text: ' over ' + DAYS + ' days' + (chosen ? ' in ' + chosen : ', every project')
              + (measure === 'cost' ? ' (API-equivalent prices)' : '')})),
        sum > 0 ? graph : empty(costs.days.length === 0 ? 'No task finished in these days.'
          : plural(costs.days.reduce((n, d) => n + d.attempts, 0), 'attempt') + ' finished in these days, none with '
            + (measure === 'cost' ? 'a cost' : 'token counts') + ' (shell tasks report neither).'),
        names.length ? h('div', {class: 'chart-legend small'}, names.map(n => h('span', {class: 'legend-item'},
            h('span', {class: 'swatch series-' + series.get(n)}), n))) : null);
  }

  function policyRows(p) {
    const policy = p.policy || {};
    const keys = [...Object.keys(POLICY), ...Object.keys(policy).filter(k => !(k in POLICY))];
    return keys.map(k => {
      const v = policy[k];
      const [label, show] = POLICY[k] || [k.replace(/_/g, ' '), x => String(x)];
      const set = v !== null && v !== undefined;
      return h('div', {'data-policy': k, class: set ? 'set' : 'unset'}, h('dt', {text: label}),
          h('dd', {text: set ? show(v) : DEFAULTS[k] || 'default'}));
    });
  }

  function renderProjects() {
    const shown = projects.filter(p => !chosen || p.name === chosen);
    fill(list, shown.length === 0 ? empty('No project is registered yet: register one with "dobby register".')
      : shown.map(p => h('article', {class: 'card project', 'data-project': p.name},
          h('div', {class: 'node-title'}, h('strong', {text: p.name}), p.remote ? h('span', {class: 'pill', text: 'spokes only'}) : null,
              h('a', {class: 'small', href: '#/tasks?project=' + encodeURIComponent(p.name), text: 'tasks'}),
              h('a', {class: 'small', href: '#/schedules', text: 'schedules'})),
          h('div', {class: 'muted small project-path', text: p.path + ' · registered ' + dateTime(p.created_at)}),
          p.context ? h('p', {class: 'project-context', text: p.context}) : null,
          h('h3', {text: 'Policy'}),
          h('dl', {class: 'policy fields'}, policyRows(p)))));
  }

  function render() {
    fill(select, h('option', {value: '', text: 'All projects'}), projects.map(p => h('option', {value: p.name, text: p.name})));
    select.value = chosen;
    renderToggle();
    renderChart();
    renderProjects();
  }

  function showFailure(e) {
    fill(chart, empty('Could not load projects: ' + e.message));
  }

  async function load() {
    [projects, costs] = await Promise.all([api('/projects'), api('/stats/costs' + query({days: DAYS, project: chosen}))]);
    render();
  }

  let pending = null;
  const off = app.onEvent(type => {
    if (type === 'task.finished' || type === 'project.changed') {
      clearTimeout(pending);
      pending = setTimeout(() => load().catch(() => {}), 500);
    }
  });
  load().catch(showFailure);
  return {unmount() {
    off();
    clearTimeout(pending);
  }};
}

function shortDay(day) {
  const d = new Date(day + 'T00:00:00Z');
  return d.getUTCDate() + ' ' + ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
}

function compact(n) {
  if (n >= 1e6) return (n / 1e6).toFixed(n >= 1e7 ? 0 : 1) + 'M';
  if (n >= 1e3) return (n / 1e3).toFixed(n >= 1e4 ? 0 : 1) + 'k';
  return String(Math.round(n));
}

/** A round number at or above `n`, for the top of an axis. */
function niceCeiling(n) {
  if (n <= 0) return 0;
  const magnitude = Math.pow(10, Math.floor(Math.log10(n)));
  const f = n / magnitude;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * magnitude;
}
