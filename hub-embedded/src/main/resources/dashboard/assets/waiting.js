// Why a task has not started: the hub's waiting reason, and whether the task can run at all without a person.

import {api, paths} from './api.js';
import {h} from './dom.js';

/** Statuses in which a task waits to start. */
export const WAITING = ['draft', 'pending', 'blocked'];

// Reasons the hub gives when nothing will change by itself: a parent that ended badly, no worker able to run it.
const STUCK = [/retry (it|them) or cancel/, /^no online (worker|spoke)/, /is not online$/, /cannot run it$/];

export function isWaiting(task) {
  return WAITING.includes(task.status);
}

/** True when the reason says the task cannot run until someone acts (retry a parent, start a worker, ...). */
export function isStuck(reason) {
  return Boolean(reason) && STUCK.some(pattern => pattern.test(reason));
}

/** The hub's reason for a waiting task, or null. Blocked tasks and drafts carry it; pending ones are asked about. */
export async function reasonFor(task) {
  if (!isWaiting(task)) return null;
  if (task.status !== 'pending' && task.status_reason) return task.status_reason;
  const detail = await api(paths.task(task.id) + '/detail-status');
  return detail.waiting_reason || detail.status_reason || null;
}

/** The reason as a line of text, marked (with a "can't run" badge unless `badge` is false) when the task is stuck. */
export function hint(reason, {badge = true} = {}) {
  if (!reason) return null;
  const stuck = isStuck(reason);
  return h('div', {class: 'wait-hint' + (stuck ? ' stuck' : ''), title: reason},
      stuck && badge ? stuckBadge() : null, h('span', {class: 'wait-text', text: reason}));
}

export function stuckBadge() {
  return h('span', {class: 'stuck-badge', text: 'can\'t run'});
}
