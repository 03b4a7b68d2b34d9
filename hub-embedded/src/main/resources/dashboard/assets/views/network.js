// Agent network: the hub, its local worker and every spoke, with state, capabilities and running tasks.

import {api, query} from '../api.js';
import {h, svg, fill, setWidth, empty} from '../dom.js';
import {ago, duration, headline, jobLine, number, plural} from '../format.js';

export const name = 'network';

export function mount(root, params, app) {
  const workers = new Map(); // id -> spoke
  const descriptions = new Map(); // task id -> description
  const jobs = new Map(); // running task id -> where a batch scheduler (Slurm) put it, when one did
  let health = null;
  let stats = null;

  const hubCard = h('section', {class: 'card hub-node', id: 'hub-node'});
  const grid = h('div', {class: 'worker-grid', id: 'workers'});
  const graph = h('section', {class: 'card network-graph', id: 'network-graph'});
  root.append(h('header', {class: 'view-head'}, h('h1', {text: 'Agent network'}),
      h('p', {class: 'muted', text: 'The hub, its built-in local worker and every spoke, live.'})),
  graph, h('div', {class: 'network'}, hubCard, h('div', {class: 'network-links'}), grid));

  function renderHub() {
    const running = stats ? (stats.by_status.running || 0) : 0;
    const queued = stats ? (stats.by_status.pending || 0) + (stats.by_status.blocked || 0) : 0;
    const online = [...workers.values()].filter(w => w.state === 'online').length;
    fill(hubCard,
        h('div', {class: 'node-title'}, h('span', {class: 'node-kind', text: 'hub'}), h('strong', {text: 'Dobby hub'}),
            health ? h('span', {class: 'muted', text: (/^\d/.test(health.version) ? 'v' : '') + health.version}) : null),
        h('dl', {class: 'facts'},
            fact('Up', health ? duration(health.uptime_seconds + (Date.now() - loadedAt) / 1000) : '—'),
            fact('Workers online', number(online) + ' of ' + number(workers.size)),
            fact('Running', number(running), 'stat-running'),
            fact('Queued', number(queued), 'stat-queued'),
            fact('Tasks', stats ? number(stats.tasks) : '—', 'stat-total')));
  }

  function renderWorkers() {
    const list = [...workers.values()].sort((a, b) => (b.local - a.local) || a.id.localeCompare(b.id));
    renderGraph(list);
    if (list.length === 0) {
      fill(grid, empty('No worker has registered. Start a spoke with "dobby agent", or give the hub a local worker.'));
      return;
    }
    fill(grid, list.map(workerCard));
  }

  function workerCard(w) {
    const caps = w.capabilities || {};
    return h('article', {class: 'card worker worker-' + w.state, 'data-worker': w.id},
        h('div', {class: 'node-title'},
            h('span', {class: 'node-kind', text: w.local ? 'local worker' : 'spoke'}),
            h('strong', {class: 'worker-id', text: w.id}),
            h('span', {class: 'pill state-pill state-' + w.state, text: w.state})),
        h('dl', {class: 'facts'},
            fact('Heartbeat', heartbeat(w), 'heartbeat'),
            fact('Registered', ago(w.registered_at), 'registered'),
            fact('Backends', (caps.backends || []).join(', ') || 'none', 'backends'),
            caps.tags && caps.tags.length ? fact('Tags', caps.tags.join(', ')) : null,
            fact('Machine', [caps.os, caps.cpus ? plural(caps.cpus, 'CPU') : null].filter(Boolean).join(' · ') || '—'),
            fact('Slots', number(w.running_tasks.length) + ' of ' + number(caps.max_concurrent || 0) + ' in use')),
        (caps.gpus || []).length ? h('div', {class: 'gpus' + (w.state === 'lost' || w.state === 'stopped' ? ' stale' : '')},
            caps.gpus.map(gpu), w.state === 'lost' || w.state === 'stopped'
              ? h('div', {class: 'muted small gpu-stale', text: 'Last known figures: the worker is ' + w.state + '.'}) : null) : null,
        h('div', {class: 'running'},
            h('h3', {text: 'Running'}),
            w.running_tasks.length === 0 ? h('p', {class: 'muted', text: 'idle'})
                : h('ul', {class: 'running-list'}, w.running_tasks.map(id => h('li', {},
                    h('a', {href: '#/tasks/' + id, 'data-task': id}, h('span', {class: 'task-id', text: '#' + id}), ' ',
                        h('span', {class: 'task-text', text: headline(descriptions.get(id) || '', 80)})),
                    jobs.get(id) ? h('div', {class: 'task-job muted small', text: jobLine(jobs.get(id))}) : null)))));
  }

  // ---- the graph: the hub in the middle, its workers around it, one edge each coloured by the worker's state
  const WIDE = 760;
  const NODE_W = 168;
  function renderGraph(list) {
    // A row per GPU, and one for a Slurm spoke's job line.
    const rows = list.map(w => ((w.capabilities || {}).gpus || []).length
        + ((w.running_tasks || []).some(id => jobs.get(id)) ? 1 : 0));
    const nodeH = n => 58 + n * 14;
    const tallest = Math.max(58, ...rows.map(nodeH));
    // Round the hub where there is room; on a narrow screen (a phone) the hub sits on top and its workers in rows
    // below, drawn at the screen's own scale so that their text stays readable.
    const room = graph.clientWidth ? graph.clientWidth - 34 : WIDE;
    const narrow = room < 560 || list.length === 1;
    const W = narrow ? Math.max(NODE_W + 16, Math.min(WIDE, room)) : WIDE;
    const columns = Math.max(1, Math.floor((W - 8) / (NODE_W + 10)));
    const H = narrow ? 130 + Math.ceil(list.length / columns) * (tallest + 20)
      : list.length === 2 ? Math.max(130, tallest + 40)
        : Math.max(300, Math.min(620, 200 + tallest * (list.length > 4 ? 2 : 1.3)));
    const cx = W / 2;
    const cy = narrow ? 56 : H / 2;
    const rx = W / 2 - NODE_W / 2 - 10;
    const ry = H / 2 - tallest / 2 - 8;
    const root = svg('svg', {class: 'graph', viewBox: '0 0 ' + W + ' ' + H, role: 'img',
      'aria-label': 'The hub and ' + plural(list.length, 'worker')});
    const edges = svg('g', {class: 'edges'});
    const nodes = svg('g', {class: 'nodes'});
    root.append(edges, nodes);
    list.forEach((w, i) => {
      let x;
      let y;
      if (narrow) {
        const row = Math.floor(i / columns);
        const inRow = Math.min(columns, list.length - row * columns);
        const col = i % columns;
        x = W / 2 + (col - (inRow - 1) / 2) * (NODE_W + 10);
        y = 130 + row * (tallest + 20) + tallest / 2;
      } else {
        // Spread round the hub so that two workers sit left and right of it.
        const angle = -Math.PI / 2 + Math.PI / list.length + (2 * Math.PI * i) / list.length;
        x = cx + rx * Math.cos(angle);
        y = cy + ry * Math.sin(angle);
      }
      const running = w.running_tasks || [];
      edges.append(svg('line', {x1: cx, y1: cy, x2: x, y2: y, class: 'edge edge-' + w.state + (running.length ? ' busy' : ''),
        'data-worker': w.id}));
      if (running.length) {
        // In the middle of the part of the edge that shows: between the hub's circle and the worker's box.
        const dx = x - cx;
        const dy = y - cy;
        const length = Math.hypot(dx, dy) || 1;
        const intoBox = Math.min(dx ? (NODE_W / 2) / Math.abs(dx) : 1, dy ? (nodeH(rows[i]) / 2) / Math.abs(dy) : 1);
        const middle = (44 / length + 1 - intoBox) / 2;
        const mx = cx + dx * middle;
        const my = cy + dy * middle;
        edges.append(svg('g', {class: 'edge-load', 'data-worker': w.id},
            svg('rect', {x: mx - 34, y: my - 10, width: 68, height: 20, rx: 10}),
            svg('text', {x: mx, y: my + 4, 'text-anchor': 'middle'}, running.length + ' running'),
            svg('title', {}, running.map(id => '#' + id + ' ' + headline(descriptions.get(id) || '', 60)
                + (jobs.get(id) ? ' · ' + jobLine(jobs.get(id)) : '')).join('\n'))));
      }
      nodes.append(workerNode(w, x, y, nodeH(rows[i])));
    });
    const running = stats ? (stats.by_status.running || 0) : 0;
    const queued = stats ? (stats.by_status.pending || 0) + (stats.by_status.blocked || 0) : 0;
    nodes.append(svg('g', {class: 'graph-hub', transform: 'translate(' + cx + ',' + cy + ')'},
        svg('circle', {r: 44}),
        svg('text', {y: -6, 'text-anchor': 'middle', class: 'graph-hub-name'}, 'hub'),
        svg('text', {y: 10, 'text-anchor': 'middle', class: 'graph-small'}, running + ' running'),
        svg('text', {y: 24, 'text-anchor': 'middle', class: 'graph-small'}, queued + ' queued')));
    fill(graph, list.length ? root : empty('No worker yet: the hub waits for one.'),
        h('div', {class: 'graph-legend small muted'}, ['online', 'draining', 'lost', 'stopped'].map(state =>
            h('span', {class: 'legend-item'}, h('span', {class: 'edge-swatch edge-' + state}), state)),
        h('span', {class: 'legend-item'}, h('span', {class: 'gpu-swatch'}), 'GPU memory in use'),
        h('span', {class: 'legend-item'}, h('span', {class: 'gpu-swatch stale'}), 'last known (worker not reporting)')));
  }

  function workerNode(w, x, y, height) {
    const caps = w.capabilities || {};
    const stale = w.state === 'lost' || w.state === 'stopped';
    const left = -NODE_W / 2;
    const top = -height / 2;
    const g = svg('g', {class: 'graph-worker worker-' + w.state, 'data-worker': w.id, transform: 'translate(' + x.toFixed(1) + ',' + y.toFixed(1) + ')'},
        svg('rect', {x: left, y: top, width: NODE_W, height, rx: 8, class: 'node-box'}),
        svg('circle', {cx: left + 12, cy: top + 14, r: 4, class: 'state-dot'}),
        svg('text', {x: left + 22, y: top + 18, class: 'graph-name'}, clip(w.id, 18)),
        svg('text', {x: left + 10, y: top + 34, class: 'graph-small'}, (w.local ? 'local · ' : '') + w.state + ' · '
            + (w.running_tasks || []).length + '/' + (caps.max_concurrent || 0) + ' slots'),
        svg('text', {x: left + 10, y: top + 48, class: 'graph-small'}, clip((caps.backends || []).join(', ')
            + (caps.tags && caps.tags.length ? ' · ' + caps.tags.join(', ') : ''), 28)),
        svg('title', {}, w.id + ': ' + w.state));
    const placed = (w.running_tasks || []).filter(id => jobs.get(id));
    if (placed.length) {
      // A Slurm spoke's node shows the job of its first running task; the edge's tooltip lists them all.
      const line = jobLine(jobs.get(placed[0])) + (placed.length > 1 ? ' +' + (placed.length - 1) : '');
      g.append(svg('text', {x: left + 10, y: top + height - 7, class: 'graph-small graph-job'}, clip(line, 22),
          svg('title', {}, line)));
    }
    (caps.gpus || []).forEach((gpu, i) => {
      const used = gpu.memory_total_mib ? gpu.memory_used_mib / gpu.memory_total_mib : 0;
      const gy = top + 56 + i * 14;
      const barW = NODE_W - 54;
      g.append(svg('g', {class: 'gpu-bar' + (stale ? ' stale' : ''), 'data-gpu': gpu.index},
          svg('text', {x: left + 10, y: gy + 8, class: 'graph-small'}, 'GPU' + gpu.index),
          svg('rect', {x: left + 44, y: gy, width: barW, height: 9, rx: 3, class: 'gpu-track'}),
          svg('rect', {x: left + 44, y: gy, width: (barW * Math.max(0, Math.min(1, used))).toFixed(1), height: 9, rx: 3, class: 'gpu-used'}),
          svg('title', {}, gpu.name + ': ' + number(gpu.memory_used_mib) + ' / ' + number(gpu.memory_total_mib) + ' MiB, '
              + gpu.utilization_percent + '% busy' + (stale ? ' (last known: the worker is ' + w.state + ')' : ''))));
    });
    return g;
  }

  function clip(text, max) {
    return text.length > max ? text.slice(0, max - 1) + '…' : text;
  }

  // The hub announces a worker only when its state changes, so an online worker's heartbeats are on time by
  // definition: a late one turns it to lost, and that arrives as an event.
  function heartbeat(w) {
    return w.state === 'online' || w.state === 'draining' ? 'on time' : 'last ' + ago(w.last_heartbeat);
  }

  function gpu(g) {
    const used = g.memory_total_mib ? g.memory_used_mib / g.memory_total_mib : 0;
    return h('div', {class: 'gpu'},
        h('div', {class: 'gpu-name', text: 'GPU ' + g.index + ' · ' + g.name}),
        h('div', {class: 'bar'}, setWidth(h('div', {class: 'bar-fill'}), used)),
        h('div', {class: 'muted small', text: number(g.memory_used_mib) + ' / ' + number(g.memory_total_mib) + ' MiB · '
            + g.utilization_percent + '% busy'}));
  }

  function fact(label, value, cls) {
    return h('div', {class: cls || null}, h('dt', {text: label}), h('dd', {text: value}));
  }

  async function describe(ids, again = false) {
    const missing = ids.filter(id => again || !descriptions.has(id));
    await Promise.all(missing.map(id => api('/tasks/' + id).then(remember, () => {})));
  }

  function remember(t) {
    descriptions.set(t.id, t.description);
    if (t.placement) jobs.set(t.id, t.placement);
    else jobs.delete(t.id);
  }

  let loadedAt = Date.now();
  async function load() {
    const [h1, s, spokes, running] = await Promise.all([api('/health'), api('/stats'), api('/spokes'),
      api('/tasks' + query({status: 'running', limit: 1000}))]);
    health = h1;
    stats = s;
    loadedAt = Date.now();
    workers.clear();
    for (const w of spokes) workers.set(w.id, w);
    jobs.clear();
    for (const t of running.tasks) remember(t);
    await describe(spokes.flatMap(w => w.running_tasks));
    renderHub();
    renderWorkers();
  }

  const off = app.onEvent(async (type, data) => {
    if (type === 'spoke.changed') {
      workers.set(data.spoke.id, data.spoke);
      await describe(data.spoke.running_tasks);
      renderHub();
      renderWorkers();
    } else if (type === 'task.created' && stats) {
      stats.tasks += 1;
      bump(data.task.status, 1);
      descriptions.set(data.task.id, data.task.description);
      renderHub();
      renderGraph([...workers.values()].sort((a, b) => (b.local - a.local) || a.id.localeCompare(b.id)));
    } else if (type === 'task.status') {
      if (stats) {
        bump(data.from, -1);
        bump(data.to, 1);
      }
      if (data.from === 'running') {
        for (const w of workers.values()) w.running_tasks = w.running_tasks.filter(id => id !== data.task_id);
      }
      if (data.to === 'running' && data.worker && workers.has(data.worker)) {
        const w = workers.get(data.worker);
        if (!w.running_tasks.includes(data.task_id)) w.running_tasks = [...w.running_tasks, data.task_id];
        await describe([data.task_id], true);
      }
      renderHub();
      renderWorkers();
    }
  });

  function bump(status, delta) {
    stats.by_status[status] = Math.max(0, (stats.by_status[status] || 0) + delta);
  }

  // Heartbeat ages and uptime move with the clock; the data itself only changes through events.
  const clock = setInterval(() => {
    if (health) {
      renderHub();
      for (const card of grid.querySelectorAll('[data-worker]')) {
        const w = workers.get(card.dataset.worker);
        const beat = card.querySelector('.heartbeat dd');
        const registered = card.querySelector('.registered dd');
        if (w && beat) beat.textContent = heartbeat(w);
        if (w && registered) registered.textContent = ago(w.registered_at);
      }
    }
  }, 1000);

  // A Slurm job's state and node change without an event: while any worker runs one, read the running tasks again.
  const jobClock = setInterval(async () => {
    if (jobs.size === 0) return;
    try {
      const running = await api('/tasks' + query({status: 'running', limit: 1000}));
      jobs.clear();
      for (const t of running.tasks) remember(t);
      renderWorkers();
    } catch (e) {
      // tried again on the next tick
    }
  }, 5000);

  load().catch(e => fill(grid, empty('Could not load the network: ' + e.message)));
  return {unmount() {
    off();
    clearInterval(clock);
    clearInterval(jobClock);
  }};
}
