// The API client: every request of the page goes through here.
//
// Writes (silences) need the API token. The launcher opens the page as /#token=<token> (as Jupyter
// does): the page keeps it for this tab in sessionStorage and takes it out of the address bar and
// the history at once; sendJson() is the one function that writes, and sends it as a Bearer token.

export const REQUEST_TIMEOUT_MS = 10000;
const TOKEN_KEY = 'smart-infra-api-token';

/** #token=<t> in the address: keep it for this tab, then remove it from the address bar. */
export function adoptTokenFromAddress() {
  const m = /^#token=([^&#]*)$/.exec(location.hash);
  if (!m) {
    return;
  }
  // out of the address bar and the history before anything else can read or share it
  history.replaceState(null, '', location.pathname + location.search);
  try {
    const token = decodeURIComponent(m[1]);
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token);
    }
  } catch (e) {
    // malformed or storage off: writes will be answered 401, which says what is missing
  }
}

function apiToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch (e) {
    return null;
  }
}

/** Whether this tab holds an API token (from #token=). */
export function hasToken() {
  return Boolean(apiToken());
}

export function getJson(path) {
  return requestJson(path, { headers: { Accept: 'application/json' } });
}

/**
 * The one way the page writes (POST /silences, DELETE /silences/{id}): a JSON body, and the API
 * token from #token= as Authorization: Bearer.
 */
export function sendJson(method, path, body) {
  const headers = { Accept: 'application/json' };
  const token = apiToken();
  if (token) {
    headers.Authorization = 'Bearer ' + token;
  }
  const init = { method, headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return requestJson(path, init);
}

/** An answer that is not 2xx: the API's {"error": ...} message, and the status. */
export class ApiError extends Error {
  constructor(path, status, message) {
    super(path + ': HTTP ' + status + (message ? ' ' + message : ''));
    this.status = status;
    this.apiMessage = message || '';
  }
}

async function requestJson(path, init) {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  try {
    const response = await fetch(path, Object.assign({ cache: 'no-store', signal: controller.signal }, init));
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      throw new ApiError(path.split('?')[0], response.status, body && body.error);
    }
    if (body === null) {
      throw new Error(path.split('?')[0] + ': not JSON');
    }
    return body;
  } finally {
    clearTimeout(timeout);
  }
}
