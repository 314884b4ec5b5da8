// The silences view (#/silences): the active silences (GET /silences), a form that creates one for
// a host or a cause with a duration and a comment (POST /silences), and Expire (DELETE
// /silences/{id}), through sendJson(), which carries the API token. #/silences?host=web-01&cause=cpu
// opens the form filled in (the alerts view's "Silence…").
import { ApiError, getJson, hasToken, sendJson } from './api.js';
import { button, cell, el, replaceRows } from './dom.js';
import { clockTime, dateTime, duration } from './format.js';
import { hostInfo } from './store.js';

export const section = el('silences-view');

const HOST_PATTERN = /^([A-Za-z0-9._-]{1,128}|\*)$/;
const CAUSE_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const form = el('silence-form');
const formStatus = el('silence-form-status');

form.addEventListener('submit', (e) => {
  e.preventDefault(); // the page's policy allows no form submission: JSON through sendJson()
  create();
});

/** The address that opens this view with the form filled in. */
export function silenceLink(host, cause) {
  return '#/silences?host=' + encodeURIComponent(host) + (cause ? '&cause=' + encodeURIComponent(cause) : '');
}

/** The active silence that covers an alert of host and cause now (as the job decides), or null. */
export function coveringSilence(silences, host, cause, now) {
  return silences.find((s) => Date.parse(s.until) > now
    && (s.host === '*' || s.host === host)
    && (s.cause === null || s.cause === undefined || s.cause === cause)) || null;
}

/** Opens the view; {@code query} may fill in host and cause. */
export function enter(query) {
  el('silence-token-note').hidden = hasToken();
  const hosts = Array.from(hostInfo.keys()).sort();
  el('silence-hosts').replaceChildren(...hosts.map((h) => {
    const o = document.createElement('option');
    o.value = h;
    return o;
  }));
  if (query) {
    const params = new URLSearchParams(query);
    const host = params.get('host');
    const cause = params.get('cause');
    if (host && HOST_PATTERN.test(host)) {
      el('silence-host').value = host;
    }
    if (cause && CAUSE_PATTERN.test(cause)) {
      setCause(cause);
    }
    el('silence-comment').focus();
  }
}

function setCause(cause) {
  const select = el('silence-cause');
  if (!Array.from(select.options).some((o) => o.value === cause)) {
    const o = document.createElement('option');
    o.value = cause;
    o.textContent = cause;
    select.append(o);
  }
  select.value = cause;
}

export async function refresh(ctx) {
  let list;
  try {
    list = await getJson('silences');
  } catch (e) {
    if (ctx.isCurrent()) {
      el('silences-error').hidden = false;
      el('silences-error').textContent = 'Silences are not available: ' + e.message;
    }
    throw e;
  }
  if (!ctx.isCurrent()) {
    return;
  }
  el('silences-error').hidden = true;
  render(list.silences);
}

function render(silences) {
  const rows = silences.map((s) => {
    const tr = document.createElement('tr');
    tr.className = 'silence';
    tr.dataset.id = s.id;
    const until = Date.parse(s.until);
    const expire = button('Expire', 'small');
    expire.addEventListener('click', () => lift(s.id, expire));
    tr.append(
      cell(s.host === '*' ? 'every host' : s.host, 'host'),
      cell(s.cause || 'every cause', 'cause'),
      cell(dateTime(until) + ' (in ' + duration(until - Date.now()) + ')', 'until'),
      cell(s.comment || '', 'explanation'),
      cell(s.id, 'muted'),
      cell(expire));
    return tr;
  });
  replaceRows(el('silences-body'), rows);
  el('silences-none').hidden = rows.length > 0;
}

async function create() {
  const host = el('silence-host').value.trim();
  const cause = el('silence-cause').value;
  const minutes = Number(el('silence-duration').value);
  const comment = el('silence-comment').value.trim();
  if (!HOST_PATTERN.test(host)) {
    say('Host must be a host name ([A-Za-z0-9._-]) or * for every host.', true);
    return;
  }
  const body = { host, cause: cause || null, until: new Date(Date.now() + minutes * 60e3).toISOString() };
  if (comment) {
    body.comment = comment;
  }
  const submit = el('silence-submit');
  submit.disabled = true;
  try {
    const created = await sendJson('POST', 'silences', body);
    say('Silence ' + created.id + ' created: ' + (created.cause || 'every cause') + ' of '
      + (created.host === '*' ? 'every host' : created.host) + ' until ' + clockTime(Date.parse(created.until), true) + '.', false);
    el('silence-comment').value = '';
    await refresh({ isCurrent: () => true });
  } catch (e) {
    say(refusal(e), true);
  } finally {
    submit.disabled = false;
  }
}

async function lift(id, b) {
  b.disabled = true;
  try {
    await sendJson('DELETE', 'silences/' + encodeURIComponent(id));
    say('Silence ' + id + ' expired.', false);
    await refresh({ isCurrent: () => true });
  } catch (e) {
    b.disabled = false;
    say(refusal(e), true);
  }
}

function refusal(e) {
  if (e instanceof ApiError && e.status === 401) {
    return 'Refused: writes need the API token. Open the dashboard through the address the launcher'
      + ' prints (…/#token=…).';
  }
  return 'Failed: ' + (e instanceof ApiError && e.apiMessage ? e.apiMessage : e.message);
}

function say(message, isError) {
  formStatus.textContent = message;
  formStatus.className = 'form-status ' + (isError ? 'error' : 'ok');
}
