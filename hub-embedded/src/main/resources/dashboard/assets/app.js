// The dashboard: one hub-wide event stream feeding whichever view is shown, a hash router, the sidebar.

import {api, onAuthRequired} from './api.js';
import {h, fill, safeHref} from './dom.js';
import {LiveStream} from './live.js';
import * as theme from './theme.js';
import * as pause from './pause.js';
import {signIn, submitTask} from './dialogs.js';
import * as network from './views/network.js';
import * as jobs from './views/jobs.js';
import * as tasks from './views/tasks.js';
import * as task from './views/task.js';
import * as batches from './views/batches.js';
import * as activity from './views/activity.js';
import * as usage from './views/usage.js';
import * as schedules from './views/schedules.js';
import * as projects from './views/projects.js';
import * as sessions from './views/sessions.js';

const $ = id => document.getElementById(id);

const listeners = new Set();
let wantLogs = false;
let stream = null;
let config = {hub_url: '', github_url: '', auth: false};

/** What every view gets. */
const app = {
  /** Hub-wide events: fn(type, data); returns the function that stops listening. */
  onEvent(fn) {
    listeners.add(fn);
    return () => listeners.delete(fn);
  },
  /** Whether the hub-wide stream should carry every task's log lines (only the live-jobs view wants them). */
  wantLogs(on) {
    wantLogs = on;
    if (stream) stream.retarget(hubStreamUrl());
  },
  navigate(hash) {
    location.hash = hash;
  },
  /** A link people can share: on hub_url when it is set, else where this page is. */
  shareUrl(hash) {
    const base = config.hub_url || location.origin;
    return base + '/dashboard' + hash;
  },
  get config() {
    return config;
  },
};

function hubStreamUrl() {
  return wantLogs ? '/events?logs=true' : '/events';
}

function setLiveState(state) {
  const el = $('live-state');
  el.textContent = {live: 'live', closed: 'offline', 'signed-out': 'signed out'}[state] || 'reconnecting';
  el.className = 'live-state ' + state;
}

const routes = [
  {pattern: /^#\/network$/, view: network},
  {pattern: /^#\/jobs$/, view: jobs},
  {pattern: /^#\/tasks\/(\d+)(?:\/(logs|flow|details|timeline))?$/, view: task, params: m => ({id: Number(m[1]), tab: m[2] || 'logs'})},
  {pattern: /^#\/tasks(?:\?(.*))?$/, view: tasks, params: m => Object.fromEntries(new URLSearchParams(m[1] || ''))},
  {pattern: /^#\/batches\/(\d+)$/, view: batches, params: m => ({id: Number(m[1])})},
  {pattern: /^#\/batches$/, view: batches},
  {pattern: /^#\/activity$/, view: activity},
  {pattern: /^#\/usage$/, view: usage},
  {pattern: /^#\/schedules\/(\d+)$/, view: schedules, params: m => ({id: Number(m[1])})},
  {pattern: /^#\/schedules$/, view: schedules},
  {pattern: /^#\/projects$/, view: projects},
  {pattern: /^#\/sessions$/, view: sessions},
];

let mounted = null; // {view, key, instance}

function route() {
  const hash = location.hash || '#/network';
  const match = routes.map(r => ({r, m: hash.match(r.pattern)})).find(x => x.m);
  if (!match) {
    location.replace('#/network');
    return;
  }
  const params = match.r.params ? match.r.params(match.m) : {};
  const view = match.r.view;
  const key = view.key ? view.key(params) : hash;
  for (const link of document.querySelectorAll('#nav a')) {
    link.classList.toggle('active', view.name === link.dataset.view);
  }
  if (mounted && mounted.view === view && mounted.key === key && mounted.instance.update) {
    mounted.instance.update(params);
    return;
  }
  if (mounted) mounted.instance.unmount();
  const main = $('main');
  while (main.firstChild) main.removeChild(main.firstChild);
  main.dataset.view = view.name;
  mounted = {view, key, instance: view.mount(main, params, app)};
  main.focus({preventScroll: true});
}

async function start() {
  theme.setUp($('theme-toggle'));
  onAuthRequired(() => signIn().then(() => location.reload()));
  $('new-task').addEventListener('click', () => submitTask((created, schedule) =>
    app.navigate((schedule ? '#/schedules/' : '#/tasks/') + created.id)));
  try {
    config = await api('/dashboard/config');
  } catch (e) {
    setLiveState(e.status === 401 ? 'signed-out' : 'closed');
    if (e.status !== 401) { // a 401 has opened the sign-in form
      fill($('main'), h('p', {class: 'error', text: 'The hub did not answer: ' + e.message + '.'}),
          h('button', {type: 'button', text: 'Try again', on: {click: () => location.reload()}}));
    }
    return;
  }
  if (config.github_url) {
    const link = $('github-link');
    link.href = safeHref(config.github_url);
    link.hidden = false;
  }
  if (config.auth) {
    const out = $('sign-out');
    out.hidden = false;
    out.addEventListener('click', async () => {
      await api('/auth/session', {method: 'DELETE'});
      location.reload();
    });
  }
  stream = new LiveStream(hubStreamUrl(), {
    onEvent: (type, data) => listeners.forEach(fn => fn(type, data)),
    onState: setLiveState,
    onGiveUp: () => api('/dashboard/config').catch(() => {}),
  }).start();
  pause.setUp(app.onEvent);
  window.addEventListener('hashchange', route);
  route();
}

start();
