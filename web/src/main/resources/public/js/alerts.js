// The alerts view (#/alerts): what fires now and the last 24 hours, from GET /alerts (one row per
// notification), with the silences of GET /silences. A notification's id is
// host|cause|since|sequence: the notifications of one alert share host, cause and since.
import { getJson } from './api.js';
import { button, cell, el, hostLink, replaceRows, span } from './dom.js';
import { ago, clockTime, dateTime, duration } from './format.js';
import { coveringSilence, silenceLink } from './silences.js';

export const section = el('alerts-view');

const HISTORY_ROWS = 200;
const SEVERITY_RANK = { critical: 0, warning: 1 };

export async function refresh(ctx) {
  const [alerts, silences] = await Promise.allSettled([
    getJson('alerts?since=24h&limit=5000'),
    getJson('silences'),
  ]);
  if (!ctx.isCurrent()) {
    return;
  }
  if (alerts.status === 'rejected') {
    throw alerts.reason;
  }
  const active = silences.status === 'fulfilled' ? silences.value.silences : null;
  el('alerts-silences-note').hidden = active !== null;
  el('alerts-silences-note').textContent = active === null
    ? 'Silences could not be read (' + silences.reason.message + '): an alert a silence covers is not marked.'
    : '';
  render(episodes(alerts.value.alerts), active || []);
}

/** The notifications grouped by alert, each alert with what its notifications say. */
export function episodes(notifications) {
  const byAlert = new Map();
  for (const n of notifications) {
    const key = n.host + '|' + n.cause + '|' + (n.since || n.timestamp);
    if (!byAlert.has(key)) {
      byAlert.set(key, []);
    }
    byAlert.get(key).push(n);
  }
  const out = [];
  for (const list of byAlert.values()) {
    list.sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
    const last = list[list.length - 1];
    const explained = list.filter((n) => n.explanation);
    out.push({
      host: last.host,
      cause: last.cause,
      severity: last.severity || list[0].severity,
      since: Date.parse(last.since || list[0].timestamp),
      firing: last.state === 'firing',
      resolvedAt: last.kind === 'resolved' ? Date.parse(last.timestamp) : null,
      flapping: list.some((n) => n.flapping === true),
      heldBack: list.some((n) => n.silenced === true),
      notifications: list.length,
      explanation: explained.length ? explained[explained.length - 1].explanation : '',
    });
  }
  return out;
}

function render(all, silences) {
  const now = Date.now();
  const firing = all.filter((a) => a.firing)
    .sort((a, b) => (SEVERITY_RANK[a.severity] ?? 2) - (SEVERITY_RANK[b.severity] ?? 2) || b.since - a.since);
  replaceRows(el('alerts-firing-body'), firing.map((a) => firingRow(a, coveringSilence(silences, a.host, a.cause, now))));
  el('alerts-none-firing').hidden = firing.length > 0;

  const history = all.slice().sort((a, b) => b.since - a.since).slice(0, HISTORY_ROWS);
  replaceRows(el('alerts-history-body'), history.map((a) => historyRow(a, coveringSilence(silences, a.host, a.cause, now))));
  el('alerts-none-history').hidden = history.length > 0;

  const critical = firing.filter((a) => a.severity === 'critical').length;
  const silenced = firing.filter((a) => coveringSilence(silences, a.host, a.cause, now)).length;
  el('alerts-summary').textContent = firing.length + ' firing (' + critical + ' critical) · ' + silenced
    + ' of them silenced · ' + all.length + (all.length === 1 ? ' alert' : ' alerts') + ' in the last 24 h, '
    + all.filter((a) => a.resolvedAt !== null).length + ' resolved';
}

function firingRow(a, silence) {
  const tr = document.createElement('tr');
  tr.className = 'alert sev-' + a.severity + (silence ? ' silenced' : '');
  tr.dataset.host = a.host;
  tr.dataset.cause = a.cause;
  const action = button('Silence…', 'small');
  action.addEventListener('click', () => {
    location.hash = silenceLink(a.host, a.cause);
  });
  tr.append(
    cell(span('badge sev-' + a.severity, a.severity || '?')),
    cell(hostLink(a.host)),
    cell(a.cause, 'cause'),
    cell(ago(a.since) + ' (' + dateTime(a.since) + ')'),
    cell(a.explanation, 'explanation'),
    cell(flags(a, silence), 'flags'),
    cell(action));
  return tr;
}

function historyRow(a, silence) {
  const tr = document.createElement('tr');
  tr.className = 'alert-episode' + (a.firing ? ' firing' : ' resolved');
  tr.dataset.host = a.host;
  tr.dataset.cause = a.cause;
  const end = a.resolvedAt !== null ? a.resolvedAt : Date.now();
  tr.append(
    cell(dateTime(a.since)),
    cell(hostLink(a.host)),
    cell(a.cause, 'cause'),
    cell(span('badge sev-' + a.severity, a.severity || '?')),
    cell(a.resolvedAt !== null ? 'resolved ' + clockTime(a.resolvedAt) : 'firing', a.resolvedAt !== null ? 'resolve' : 'still'),
    cell(duration(end - a.since), 'num'),
    cell(String(a.notifications), 'num'),
    cell(flags(a, a.firing ? silence : null), 'flags'));
  return tr;
}

/** Flapping, silenced now (by which silence, until when), held back by a silence before. */
function flags(a, silence) {
  const box = document.createElement('span');
  if (a.flapping) {
    const f = span('flag flapping', 'flapping');
    f.title = 'changed state too often: held firing until it settles';
    box.append(f);
  }
  if (silence) {
    const s = span('flag silenced', 'silenced until ' + clockTime(Date.parse(silence.until), true));
    s.title = 'silence ' + silence.id + (silence.comment ? ': ' + silence.comment : '');
    box.append(s);
  } else if (a.heldBack) {
    const s = span('flag held', 'held back');
    s.title = 'a silence held back some of its notifications';
    box.append(s);
  }
  return box;
}
