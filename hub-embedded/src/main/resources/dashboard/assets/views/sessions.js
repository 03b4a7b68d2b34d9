// Remote Control sessions: where each runs, the link to open it, and a Stop button. Kept live from task events.

import {api, paths} from '../api.js';
import {h, fill, pill, empty, safeHref} from '../dom.js';
import {confirm} from '../dialogs.js';
import {ago} from '../format.js';

export const name = 'sessions';

export function mount(root, params, app) {
  const list = h('div', {class: 'session-list', id: 'sessions'});
  const problem = h('p', {class: 'error', id: 'sessions-error', hidden: true});
  root.append(h('header', {class: 'view-head'},
      h('h1', {text: 'Sessions'}),
      h('p', {class: 'muted'}, 'Claude Code Remote Control sessions on your workers. Open one from claude.ai/code '
          + 'or the Claude app; start one with ', h('code', {class: 'command', text: 'dobby remote --project NAME'}), '.')),
      problem, list);

  function card(s) {
    const link = s.link
      ? h('a', {href: safeHref(s.link), class: 'button primary', 'data-action': 'open', rel: 'noopener noreferrer',
        target: '_blank', text: 'Open'})
      : null;
    const stop = s.state === 'running' || s.state === 'pending'
      ? h('button', {type: 'button', class: 'danger', 'data-action': 'stop', text: 'Stop', on: {click: () => stopIt(s)}})
      : null;
    return h('article', {class: 'card session', 'data-session': s.id},
        h('div', {class: 'node-title'},
            h('strong', {text: s.name}),
            pill(s.state),
            h('span', {class: 'muted small', text: '#' + s.id + ' · ' + s.project + (s.worker ? ' on ' + s.worker : '')
                + ' · asked ' + ago(s.created_at)})),
        h('p', {class: 'session-status', text: s.status}),
        h('div', {class: 'session-actions'}, link, stop));
  }

  async function stopIt(s) {
    const answer = await confirm({title: 'Stop this session?', message: '"' + s.name + '" on ' + (s.worker || 'its worker')
        + ' will end; whoever uses it from claude.ai/code is cut off.', action: 'Stop session', danger: true});
    if (!answer.ok) return;
    try {
      await api(paths.task(s.id) + '/cancel', {method: 'POST'});
      await load();
    } catch (e) {
      problem.textContent = 'Could not stop the session: ' + e.message;
      problem.hidden = false;
    }
  }

  async function load() {
    const sessions = await api('/sessions');
    fill(list, sessions.length ? sessions.map(card) : h('p', {class: 'empty'}, 'No sessions yet. Start one with ',
        h('code', {class: 'command', text: 'dobby remote --project NAME'}), '.'));
  }

  let pending = null;
  const off = app.onEvent(type => {
    if (!type.startsWith('task.') || pending) return;
    // Output lines come in bursts: one reload for each.
    pending = setTimeout(() => {
      pending = null;
      load().catch(() => {});
    }, 300);
  });
  load().catch(e => fill(list, empty('Could not load sessions: ' + e.message)));
  return {unmount: () => {
    off();
    clearTimeout(pending);
  }};
}
