// GPUs: every worker's GPUs with sparklines of the last hours' utilisation and memory, their processes (a task's,
// or outside Dobby), and the long jobs tasks asked Dobby to track, with a stop button while they run.

import {api} from '../api.js';
import {h, svg, fill, empty} from '../dom.js';
import {ago} from '../format.js';

export const name = 'gpus';

const HISTORY = '6h';

export function mount(root, params, app) {
  const body = h('div', {id: 'gpus'});
  const jobs = h('div', {id: 'tracked-jobs'});
  root.append(h('header', {class: 'view-head'}, h('h1', {text: 'GPUs'}),
      h('p', {class: 'muted', text: 'Each worker samples its GPUs every 10 s; sparklines show the last 6 hours.'})),
      body, h('h2', {text: 'Tracked jobs'}), jobs);

  function sparkline(values, max, label) {
    const width = 240;
    const height = 36;
    if (values.length === 0) return h('span', {class: 'muted small', text: 'no history yet'});
    if (values.length === 1) values = [values[0], values[0]];
    const step = values.length > 1 ? width / (values.length - 1) : 0;
    const points = values.map((v, i) => (i * step).toFixed(1) + ',' + (height - (Math.min(v, max) / max) * height).toFixed(1));
    return svg('svg', {class: 'sparkline', viewBox: '0 0 ' + width + ' ' + height, width, height, role: 'img',
      'aria-label': label, preserveAspectRatio: 'none'},
        svg('polyline', {points: points.join(' '), fill: 'none', stroke: 'currentColor', 'stroke-width': 1.5}));
  }

  function processLine(p) {
    return p.task_id !== null && p.task_id !== undefined
        ? h('li', {class: 'gpu-process', 'data-task': p.task_id},
            h('a', {href: '#/tasks/' + p.task_id, text: 'task #' + p.task_id}), ' ' + p.name + ' · ' + p.used_memory_mib + ' MiB')
        : h('li', {class: 'gpu-process outside'},
            'outside Dobby: ' + (p.user || '?') + ' · ' + (p.command || p.name) + ' · ' + p.used_memory_mib + ' MiB');
  }

  function gpuCard(worker, gpu, series) {
    const util = series ? Array.from(series.util) : [];
    const mem = series ? Array.from(series.mem) : [];
    return h('article', {class: 'card gpu', 'data-worker': worker.worker, 'data-gpu': gpu.index},
        h('h3', {text: 'GPU ' + gpu.index + ' · ' + gpu.name}),
        h('div', {class: 'gpu-figures'},
            h('span', {class: 'gpu-util', text: gpu.utilization_percent + '% busy'}),
            h('span', {class: 'gpu-mem', text: gpu.memory_used_mib + ' / ' + gpu.memory_total_mib + ' MiB'}),
            gpu.temperature_c !== null && gpu.temperature_c !== undefined ? h('span', {text: gpu.temperature_c + '°C'}) : null,
            gpu.power_draw_w !== null && gpu.power_draw_w !== undefined
                ? h('span', {text: Math.round(gpu.power_draw_w) + ' W'}) : null),
        h('div', {class: 'gpu-spark'}, h('span', {class: 'small muted', text: 'utilisation'}),
            sparkline(util, 100, 'utilisation of GPU ' + gpu.index)),
        h('div', {class: 'gpu-spark'}, h('span', {class: 'small muted', text: 'memory'}),
            sparkline(mem, Math.max(1, gpu.memory_total_mib), 'memory of GPU ' + gpu.index)),
        gpu.reserved_for.length ? h('p', {class: 'gpu-reserved small'}, 'held by ',
            gpu.reserved_for.map(id => h('a', {href: '#/tasks/' + id, text: '#' + id + ' '}))) : null,
        gpu.processes.length ? h('ul', {class: 'gpu-processes'}, gpu.processes.map(processLine)) : null);
  }

  function render(workers, history) {
    if (workers.length === 0) {
      fill(body, empty('No worker has reported GPUs (each looks for nvidia-smi on its PATH).'));
      return;
    }
    const byGpu = new Map(history.series.map(s => [s.worker + '/' + s.gpu, s]));
    fill(body, workers.map(w => h('section', {class: 'gpu-worker' + (w.stale ? ' stale' : ''), 'data-worker': w.worker},
        h('h2', {text: w.worker}, w.stale ? h('span', {class: 'pill stale', text: w.sampled_at ? 'stale' : 'no samples yet'}) : null),
        h('p', {class: 'muted small', text: w.sampled_at ? 'sampled ' + ago(w.sampled_at) : 'never sampled'}),
        w.error ? h('p', {class: 'warn gpu-error', text: w.error}) : null,
        h('div', {class: 'gpu-grid'}, w.gpus.map(g => gpuCard(w, g, byGpu.get(w.worker + '/' + g.index)))))));
  }

  function renderJobs(list) {
    if (list.length === 0) {
      fill(jobs, empty('No tracked jobs. Tasks register them with dobby track (or the MCP tool dobby_track_job).'));
      return;
    }
    fill(jobs, h('table', {class: 'table'},
        h('thead', {}, h('tr', {}, ['Job', 'Task', 'Worker', 'State', 'Last line', ''].map(t => h('th', {text: t})))),
        h('tbody', {}, list.map(j => h('tr', {'data-job': j.id},
            h('td', {text: j.id + ' · ' + (j.kind === 'slurm' ? 'Slurm ' + j.slurm_job : j.kind === 'process' ? 'pid ' + j.pid
                : j.log_path) + (j.label ? ' (' + j.label + ')' : '')}),
            h('td', {}, j.task_id ? h('a', {href: '#/tasks/' + j.task_id, text: '#' + j.task_id}) : '-'),
            h('td', {text: j.worker}),
            h('td', {class: 'job-state', text: j.state + (j.stop_requested && j.state === 'running' ? ' (stopping)' : '')
                + (j.exit_code !== null && j.exit_code !== undefined ? ' · exit ' + j.exit_code : '')}),
            h('td', {class: 'mono small', text: j.log_tail.length ? j.log_tail[j.log_tail.length - 1] : ''}),
            h('td', {}, j.state === 'running' && !j.stop_requested ? h('button', {class: 'btn small', type: 'button',
              text: 'Stop', on: {click: () => api('/jobs/' + j.id + '/stop', {method: 'POST', body: {}}).then(loadJobs)}}) : null))))));
  }

  function load() {
    Promise.all([api('/gpus'), api('/gpus/history?since=' + HISTORY)])
        .then(([workers, history]) => render(workers, history), e => fill(body, empty('Could not load GPUs: ' + e.message)));
  }
  function loadJobs() {
    api('/jobs').then(renderJobs, e => fill(jobs, empty('Could not load tracked jobs: ' + e.message)));
  }
  const off = app.onEvent(type => {
    if (type === 'gpus.changed') load();
    if (type === 'job.changed') loadJobs();
  });
  // Figures change every sample without an event (only changes of shape are announced): read them again now and then.
  const timer = setInterval(load, 10_000);
  load();
  loadJobs();
  return {unmount() {
    off();
    clearInterval(timer);
  }};
}
