// Why a task has not started: the hub's waiting reason, and whether the hub says the task cannot run without a person.

import {api, paths} from './api.js';
import {h} from './dom.js';

/** Statuses in which a task waits to start. */
export const WAITING = ['draft', 'pending', 'blocked'];

export function isWaiting(task) {
  return WAITING.includes(task.status);
}

/** True when the hub says the task cannot run until someone acts (retry a parent, start a worker, ...). */
export function isStuck(waiting) {
  return Boolean(waiting && waiting.stuck);
}

/**
 * The hub's {reason, stuck} for one waiting task, or null. A page of /tasks already carries it for its tasks
 * (page.waiting); this is for a single task's view.
 */
export async function waitingFor(task) {
  if (!isWaiting(task)) return null;
  const detail = await api(paths.task(task.id) + '/detail-status');
  const reason = detail.waiting_reason || detail.status_reason;
  return reason ? {reason, stuck: Boolean(detail.stuck)} : null;
}

/** The reason as a line of text, marked (with a "can't run" badge unless `badge` is false) when the task is stuck. */
export function hint(waiting, {badge = true} = {}) {
  if (!waiting || !waiting.reason) return null;
  const stuck = isStuck(waiting);
  return h('div', {class: 'wait-hint' + (stuck ? ' stuck' : ''), title: waiting.reason},
      stuck && badge ? stuckBadge() : null, h('span', {class: 'wait-text', text: waiting.reason}));
}

export function stuckBadge() {
  return h('span', {class: 'stuck-badge', text: 'can\'t run'});
}
