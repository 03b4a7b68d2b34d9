// The page's three dialogs: sign-in, confirmation of an action, and a new task.

import {api, ApiError, query} from './api.js';
import {dateTimeIn, until} from './format.js';
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

/** The new-task form; `onCreated(answer)` after the hub accepted it (a task, or a schedule when it repeats). */
export async function submitTask(onCreated) {
  const dialog = $('submit-dialog');
  const projectSelect = $('submit-project');
  const workerSelect = $('submit-worker');
  const error = $('submit-error');
  showError(error, '');
  let projects = [];
  let spokes = [];
  try {
    [projects, spokes] = await Promise.all([api('/projects'), api('/spokes').catch(() => [])]);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return;
    showError(error, 'Could not load projects: ' + e.message);
  }
  const previous = projectSelect.value;
  fill(projectSelect, projects.map(p => h('option', {value: p.name, text: p.name})));
  if (projects.some(p => p.name === previous)) projectSelect.value = previous;
  if (projects.length === 0) showError(error, 'No project is registered yet: register one with "dobby register".');
  const chosenWorker = workerSelect.value;
  fill(workerSelect, h('option', {value: '', text: 'any worker'}),
      spokes.map(w => h('option', {value: w.id, text: w.id + (w.state === 'online' ? '' : ' (' + w.state + ')')})));
  if (spokes.some(w => w.id === chosenWorker)) workerSelect.value = chosenWorker;

  const repeat = $('submit-repeat');
  const expression = $('submit-schedule');
  const preview = $('submit-preview');
  const send = $('submit-send');
  let previewed = 0;
  const showPreview = async () => {
    const mine = ++previewed;
    const kind = repeat.value;
    const text = expression.value.trim();
    if (!kind || !text) {
      fill(preview, kind ? h('span', {class: 'muted', text: kind === 'cron'
          ? 'Five fields: minute hour day-of-month month day-of-week, e.g. 0 9 * * 1-5, or @daily.'
          : 'An interval such as 30m, 2h or 1d.'}) : null);
      return;
    }
    try {
      const answer = await api('/schedules/preview' + query({[kind]: text, count: 3}));
      if (mine !== previewed) return;
      fill(preview, h('span', {class: 'muted', text: 'Next runs, on the hub\'s clock (' + answer.time_zone + '):'}),
          h('ol', {class: 'preview-times', id: 'preview-times'}, answer.next.map(at => h('li', {text: dateTimeIn(at, answer.time_zone) + ' · ' + until(at)}))));
      preview.classList.remove('invalid');
    } catch (e) {
      if (mine !== previewed) return;
      fill(preview, h('span', {class: 'error', id: 'preview-error', text: e.message}));
      preview.classList.add('invalid');
    }
  };
  let typing = null;
  expression.oninput = () => {
    clearTimeout(typing);
    typing = setTimeout(showPreview, 250);
  };
  repeat.onchange = () => {
    expression.disabled = !repeat.value;
    expression.placeholder = {cron: 'e.g. 0 9 * * 1-5', every: 'e.g. 30m'}[repeat.value] || 'choose how it repeats';
    send.textContent = repeat.value ? 'Create schedule' : 'Submit task';
    if (!repeat.value) expression.value = '';
    showPreview();
    if (repeat.value) expression.focus();
  };
  repeat.onchange();

  $('submit-cancel').onclick = () => dialog.close();
  $('submit-form').onsubmit = async event => {
    event.preventDefault();
    showError(error, '');
    const body = {description: $('submit-description').value, project: projectSelect.value};
    const backend = $('submit-backend').value;
    const priority = $('submit-priority').value;
    const minutes = $('submit-timeout').value.trim();
    const after = $('submit-depends').value.trim();
    const model = $('submit-model').value.trim();
    const tags = $('submit-tags').value.split(/[\s,]+/).filter(Boolean);
    if (backend) body.backend = backend;
    if (priority) body.priority = priority;
    if (minutes) {
      if (!/^\d+$/.test(minutes) || Number(minutes) < 1) {
        showError(error, 'The timeout is a whole number of minutes.');
        return;
      }
      body.timeout = Number(minutes) * 60;
    }
    if (after) {
      const ids = after.split(/[\s,]+/).filter(Boolean);
      if (ids.some(id => !/^\d+$/.test(id))) {
        showError(error, '"After tasks" takes task numbers separated by commas.');
        return;
      }
      body.depends_on = ids.map(Number);
    }
    if (model) body.agent = {model};
    if (workerSelect.value) body.target_spoke = workerSelect.value;
    if (tags.length) body.target_tags = tags;
    if ($('submit-worktree').checked) body.worktree = true;
    if ($('submit-draft').checked) body.draft = true;
    if (repeat.value) {
      const text = expression.value.trim();
      if (!text) {
        showError(error, repeat.value === 'cron' ? 'Give a cron expression.' : 'Give an interval, such as 30m.');
        return;
      }
      body[repeat.value] = text;
    }
    send.disabled = true;
    try {
      const answer = await api('/tasks', {method: 'POST', body});
      $('submit-description').value = '';
      $('submit-depends').value = '';
      $('submit-draft').checked = false;
      dialog.close();
      onCreated(answer, Boolean(repeat.value));
    } catch (e) {
      showError(error, e.message);
    } finally {
      send.disabled = false;
    }
  };
  dialog.showModal();
  $('submit-description').focus();
}
