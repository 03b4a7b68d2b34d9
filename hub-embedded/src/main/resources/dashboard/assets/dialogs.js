// The page's three dialogs: sign-in, confirmation of an action, and a new task.

import {api, ApiError} from './api.js';
import {h, fill} from './dom.js';

const $ = id => document.getElementById(id);

function showError(el, message) {
  el.textContent = message;
  el.hidden = !message;
}

/** Ask for the API key; resolves once the hub has accepted it (and set its cookie). */
let signingIn = null;
export function signIn() {
  if (signingIn) return signingIn;
  const dialog = $('login-dialog');
  signingIn = new Promise(resolve => {
    const form = $('login-form');
    form.onsubmit = async event => {
      event.preventDefault();
      showError($('login-error'), '');
      try {
        await api('/auth/session', {method: 'POST', body: {key: $('login-key').value}});
        $('login-key').value = '';
        dialog.close();
        resolve();
      } catch (e) {
        showError($('login-error'), e.status === 401 ? 'That is not this hub\'s API key.' : e.message);
      }
    };
    dialog.addEventListener('cancel', event => event.preventDefault());
    if (!dialog.open) dialog.showModal();
    $('login-key').focus();
  });
  return signingIn;
}

/**
 * Ask before doing something. Resolves to {ok, option} where option is the state of the optional checkbox.
 * confirm({title, message, action, option: 'label'})
 */
export function confirm({title, message, action, option = null, danger = false}) {
  const dialog = $('confirm-dialog');
  $('confirm-title').textContent = title;
  $('confirm-message').textContent = message;
  const yes = $('confirm-yes');
  yes.textContent = action;
  yes.classList.toggle('danger', danger);
  $('confirm-option').hidden = !option;
  $('confirm-option-label').textContent = option || '';
  $('confirm-option-box').checked = false;
  return new Promise(resolve => {
    const done = ok => {
      dialog.onclose = null;
      if (dialog.open) dialog.close();
      resolve({ok, option: $('confirm-option-box').checked});
    };
    $('confirm-form').onsubmit = event => {
      event.preventDefault();
      done(true);
    };
    $('confirm-no').onclick = () => done(false);
    dialog.onclose = () => done(false);
    dialog.showModal();
    yes.focus();
  });
}

/** The new-task form; `onCreated(task)` after the hub accepted it. */
export async function submitTask(onCreated) {
  const dialog = $('submit-dialog');
  const projectSelect = $('submit-project');
  const error = $('submit-error');
  showError(error, '');
  let projects = [];
  try {
    projects = await api('/projects');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return;
    showError(error, 'Could not load projects: ' + e.message);
  }
  const previous = projectSelect.value;
  fill(projectSelect, projects.map(p => h('option', {value: p.name, text: p.name})));
  if (projects.some(p => p.name === previous)) projectSelect.value = previous;
  if (projects.length === 0) showError(error, 'No project is registered yet: register one with "dobby register".');

  $('submit-cancel').onclick = () => dialog.close();
  $('submit-form').onsubmit = async event => {
    event.preventDefault();
    showError(error, '');
    const body = {description: $('submit-description').value, project: projectSelect.value};
    const backend = $('submit-backend').value;
    const priority = $('submit-priority').value;
    const timeout = $('submit-timeout').value.trim();
    const after = $('submit-depends').value.trim();
    if (backend) body.backend = backend;
    if (priority) body.priority = priority;
    if (timeout) body.timeout = Number(timeout);
    if (after) {
      const ids = after.split(/[\s,]+/).filter(Boolean);
      if (ids.some(id => !/^\d+$/.test(id))) {
        showError(error, '"After tasks" takes task numbers separated by commas.');
        return;
      }
      body.depends_on = ids.map(Number);
    }
    if ($('submit-draft').checked) body.draft = true;
    const send = $('submit-send');
    send.disabled = true;
    try {
      const task = await api('/tasks', {method: 'POST', body});
      $('submit-description').value = '';
      $('submit-depends').value = '';
      $('submit-draft').checked = false;
      dialog.close();
      onCreated(task);
    } catch (e) {
      showError(error, e.message);
    } finally {
      send.disabled = false;
    }
  };
  dialog.showModal();
  $('submit-description').focus();
}
