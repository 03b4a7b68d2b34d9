// The hub's REST API, with the browser's cookie for the key. A 401 asks the page to show the sign-in form.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const authListeners = new Set();

/** Be told when the hub refuses a request for want of the key. */
export function onAuthRequired(fn) {
  authListeners.add(fn);
}

export async function api(path, {method = 'GET', body} = {}) {
  const headers = {Accept: 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, 'the hub cannot be reached');
  }
  if (response.status === 204) return null;
  let data = null;
  const text = await response.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      data = null;
    }
  }
  if (!response.ok) {
    if (response.status === 401) authListeners.forEach(fn => fn());
    const message = data && typeof data.error === 'string' ? data.error : 'HTTP ' + response.status;
    throw new ApiError(response.status, message);
  }
  return data;
}

/** Build a query string, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    q.set(key, String(value));
  }
  const text = q.toString();
  return text ? '?' + text : '';
}

export const paths = {
  task: id => '/tasks/' + encodeURIComponent(id),
  artifact: (id, path) => '/tasks/' + encodeURIComponent(id) + '/artifacts/'
      + String(path).split('/').map(encodeURIComponent).join('/'),
};
