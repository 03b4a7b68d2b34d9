// The kill switch: a banner while dispatch is paused (with Unpause), and the sidebar's Pause button.

import {api} from './api.js';
import {h, fill} from './dom.js';
import {confirm} from './dialogs.js';
import {time} from './format.js';

const $ = id => document.getElementById(id);

function render(state) {
  const banner = $('pause-banner');
  const lines = [];
  if (state && state.paused) {
    lines.push('Dispatch is paused (since ' + time(state.since) + ' by ' + state.by + '): no new task starts.');
  }
  for (const [name, entry] of Object.entries((state && state.projects) || {})) {
    lines.push('Project ' + name + ' is paused (since ' + time(entry.since) + ' by ' + entry.by + ').');
  }
  banner.hidden = lines.length === 0;
  fill($('pause-text'), lines.map(line => h('div', {text: line})));
  $('pause-toggle').hidden = Boolean(state && state.paused);
}

function failed(e) {
  fill($('pause-text'), h('div', {class: 'error', text: 'The hub refused: ' + e.message}));
  $('pause-banner').hidden = false;
}

/** Show the hub's pause state now and whenever it changes (`onEvent` as the app's). */
export function setUp(onEvent) {
  $('unpause').addEventListener('click', () => api('/unpause', {method: 'POST', body: {}}).then(render, failed));
  $('pause-toggle').addEventListener('click', async () => {
    const answer = await confirm({title: 'Pause dispatch?', message: 'No new task will start until you unpause.'
        + ' Queued tasks wait; running ones finish unless you stop them too.', action: 'Pause',
      option: 'Also stop the running tasks', danger: true});
    if (!answer.ok) return;
    api('/pause', {method: 'POST', body: {stop_running: answer.option, by: 'the dashboard'}}).then(render, failed);
  });
  onEvent((type, data) => {
    if (type === 'dispatch.paused') render(data.state);
  });
  api('/pause').then(render, () => {});
}
