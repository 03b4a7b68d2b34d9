// Usage: each agent account's rate-limit windows as the agents last reported them; "unknown" where nothing was.

import {api} from '../api.js';
import {h, fill, setWidth, empty} from '../dom.js';
import {ago, percent, until} from '../format.js';

export const name = 'usage';

const WINDOW_NAMES = {five_hour: '5-hour window', seven_day: '7-day window', seven_day_opus: '7-day window (Opus)',
  seven_day_sonnet: '7-day window (Sonnet)'};

export function mount(root, params, app) {
  const body = h('div', {id: 'usage'});
  root.append(h('header', {class: 'view-head'}, h('h1', {text: 'Usage'}),
      h('p', {class: 'muted', text: 'Rate-limit use per agent account, as the agents last reported it.'})), body);

  function render(windows) {
    if (windows.length === 0) {
      fill(body, h('section', {class: 'card usage-unknown', id: 'usage-unknown'},
          h('h2', {text: 'Unknown'}),
          h('p', {text: 'No agent has reported rate-limit figures to this hub yet. Claude Code reports them while it runs,'
              + ' so they appear here after its first task.'})));
      return;
    }
    const accounts = new Map();
    for (const w of windows) {
      const key = w.account || w.backend || 'unknown account';
      if (!accounts.has(key)) accounts.set(key, []);
      accounts.get(key).push(w);
    }
    fill(body, [...accounts.entries()].map(([account, all]) => {
      // One row per account says how it logs in; an API key is billed per token and has no windows to show.
      const login = all.find(w => w.window === 'login');
      const list = all.filter(w => w.window !== 'login');
      const exhausted = list.find(w => w.status === 'rejected' && w.resets_at && new Date(w.resets_at) > new Date());
      return h('section', {class: 'card usage-account', 'data-account': account},
        h('h2', {text: account + (login ? (login.status === 'api_key' ? ' · API key' : ' · subscription') : '')}),
        exhausted ? h('p', {class: 'usage-exhausted warn', text: 'Out of quota: its ' + account.split('/').pop()
            + ' tasks wait until the limit resets ' + until(exhausted.resets_at) + '.'}) : null,
        list.length === 0 ? h('p', {class: 'muted usage-none',
            text: login && login.status === 'api_key' ? 'No quota data (API key): usage is billed per token.'
                : 'No usage figures reported yet.'}) : null,
        list.map(w => {
          const known = w.utilization !== null && w.utilization !== undefined;
          return h('div', {class: 'usage-window' + (w.status && w.status !== 'allowed' ? ' warn' : ''), 'data-window': w.window},
              h('div', {class: 'usage-label'},
                  h('strong', {text: WINDOW_NAMES[w.window] || w.window}),
                  h('span', {class: 'usage-figure', text: known ? percent(w.utilization) + ' used' : 'unknown'})),
              known ? h('div', {class: 'bar usage-bar', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100,
                'aria-valuenow': Math.round(w.utilization * 100)}, setWidth(h('div', {class: 'bar-fill'}), w.utilization)) : null,
              h('div', {class: 'muted small'}, [
                w.status ? 'status: ' + w.status.replace(/_/g, ' ') : null,
                w.resets_at ? 'resets ' + until(w.resets_at) : null,
                'reported ' + ago(w.reported_at),
              ].filter(Boolean).join(' · ')));
        }));
    }));
  }

  let timer = null;
  function load() {
    api('/usage').then(render, e => fill(body, empty('Could not load usage: ' + e.message)));
  }
  // New figures arrive with an agent's progress; read them again after a burst of progress settles.
  const off = app.onEvent(type => {
    if (type !== 'task.progress' && type !== 'task.finished') return;
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      load();
    }, 1000);
  });
  load();
  return {unmount() {
    off();
    clearTimeout(timer);
  }};
}
