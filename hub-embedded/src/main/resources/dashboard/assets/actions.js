// What a person can do to a task, each after a confirmation.

import {api, paths} from './api.js';
import {h} from './dom.js';
import {confirm} from './dialogs.js';
import {headline} from './format.js';

const ENDED = ['completed', 'failed', 'cancelled', 'timed_out', 'stale'];
const RETRYABLE = ['failed', 'cancelled', 'timed_out', 'stale'];
// Backends whose agents have sessions a task can resume.
const AGENTS = ['claude', 'codex'];

export function isEnded(status) {
  return ENDED.includes(status);
}

/** Buttons for the actions that fit the task's status; `onDone(task)` with the hub's answer. */
export function actionButtons(task, onDone, onError) {
  const label = '#' + task.id + ' ' + headline(task.description, 80);
  const run = async (question, call) => {
    const answer = await confirm(question);
    if (!answer.ok) return;
    try {
      onDone(await call(answer.option));
    } catch (e) {
      onError(e);
    }
  };
  const buttons = [];
  if (task.status === 'draft') {
    buttons.push(h('button', {type: 'button', class: 'primary', 'data-action': 'approve', text: 'Approve', on: {click: () => run(
        {title: 'Approve this draft?', message: label + ' will be queued to run.', action: 'Approve'},
        () => api(paths.task(task.id), {method: 'PATCH', body: {status: 'pending'}}))}}));
  }
  if (!isEnded(task.status)) {
    buttons.push(h('button', {type: 'button', class: 'danger', 'data-action': 'cancel', text: 'Cancel', on: {click: () => run(
        {title: 'Cancel this task?', message: label + (task.status === 'running' ? ' is running: its agent will be stopped.' : ' will not run.'),
          action: 'Cancel task', danger: true},
        () => api(paths.task(task.id) + '/cancel', {method: 'POST'}))}}));
  }
  if (RETRYABLE.includes(task.status)) {
    buttons.push(h('button', {type: 'button', 'data-action': 'retry', text: 'Retry', on: {click: () => run(
        {title: 'Retry this task?', message: label + ' will be queued again.', action: 'Retry',
          option: 'Also re-open the tasks that wait on it (cascade)'},
        cascade => api(paths.task(task.id) + '/retry', {method: 'POST', body: {cascade}}))}}));
  }
  if (RETRYABLE.includes(task.status) && AGENTS.includes(task.backend)) {
    buttons.push(h('button', {type: 'button', 'data-action': 'resume', text: 'Resume', on: {click: () => run(
        {title: 'Resume this task\'s agent?', message: label + ' will continue its agent\'s session where it stopped, '
            + 'on the worker that ran it, instead of starting over.', action: 'Resume'},
        () => api(paths.task(task.id) + '/resume', {method: 'POST', body: {}}))}}));
  }
  return buttons;
}
