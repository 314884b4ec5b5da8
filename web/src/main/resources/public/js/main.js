// Smart Infra Monitor dashboard: routing, the time range and polling. One module per view
// (overview, host, alerts, silences) and per concern (api client, charts, anomaly table, format).
//
// Everything refreshes every 5 s in place; a background tab does not poll. Answers to requests of
// an older view or range are dropped (the generation).
import { REQUEST_TIMEOUT_MS, adoptTokenFromAddress } from './api.js';
import * as alerts from './alerts.js';
import { clearAnomalyTable } from './anomalies.js';
import { loadCharts } from './charts.js';
import { el } from './dom.js';
import { clockTime } from './format.js';
import * as host from './host.js';
import * as overview from './overview.js';
import * as silences from './silences.js';

const REFRESH_MS = 5000;

/** The time-range picker. Long ranges are averaged server-side: about 720 points per line. */
const RANGES = {
  '15m': { ms: 15 * 60e3, label: 'last 15 min' },
  '1h': { ms: 60 * 60e3, label: 'last 1 h' },
  '6h': { ms: 6 * 3600e3, label: 'last 6 h', step: '30s', stepMs: 30e3 },
  '24h': { ms: 24 * 3600e3, label: 'last 24 h', step: '2m', stepMs: 120e3 },
};

const VIEWS = [overview, host, alerts, silences];

const statusEl = el('status');
const rangeEl = document.querySelector('.range');
const rangeButtons = Array.from(document.querySelectorAll('.range button'));

const state = {
  range: '1h',
  view: null,
  host: null,
  generation: 0,
  firstRender: true,
};
let timer = null;

// the token leaves the address bar before anything else runs
adoptTokenFromAddress();
rangeButtons.forEach((b) => b.addEventListener('click', () => {
  if (b.dataset.range !== state.range) {
    state.range = b.dataset.range;
    rangeButtons.forEach((o) => o.setAttribute('aria-pressed', String(o === b)));
    host.reset();
    restart();
  }
}));
window.addEventListener('hashchange', route);
document.addEventListener('visibilitychange', () => {
  if (!document.hidden) {
    refreshNow();
  }
});
route();

function route() {
  const hash = location.hash;
  let view = overview;
  let hostName = null;
  let query = null;
  let m;
  if ((m = /^#\/host\/([A-Za-z0-9._-]{1,128})$/.exec(hash))) {
    view = host;
    hostName = m[1];
  } else if (/^#\/alerts$/.test(hash)) {
    view = alerts;
  } else if ((m = /^#\/silences(?:\?(.*))?$/.exec(hash))) {
    view = silences;
    query = m[1] || null;
  }
  if (state.view === overview && view !== overview) {
    overview.leave();
  }
  state.view = view;
  state.host = hostName;
  VIEWS.forEach((v) => { v.section.hidden = v !== view; });
  // the time range and the anomaly table belong to the overview and the host view
  const ranged = view === overview || view === host;
  rangeEl.hidden = !ranged;
  el('anomalies-card').hidden = !ranged;
  el('crumb-host').hidden = hostName === null;
  el('crumb-host').textContent = hostName || '';
  document.querySelectorAll('.crumbs a[data-view]').forEach((a) => {
    a.classList.toggle('current', a.dataset.view === viewName(view));
  });
  document.title = (hostName ? hostName + ' · ' : view === alerts ? 'Alerts · ' : view === silences ? 'Silences · ' : '')
    + 'Smart Infra Monitor';
  if (view === host) {
    host.enter(hostName);
    loadCharts().then(() => host.render(RANGES[state.range]), (e) => setStatus(e.message, true));
  } else if (view === silences) {
    silences.enter(query);
  }
  restart();
}

function viewName(view) {
  return view === alerts ? 'alerts' : view === silences ? 'silences' : 'overview';
}

function restart() {
  state.generation++;
  clearAnomalyTable();
  refreshNow();
}

function refreshNow() {
  clearTimeout(timer);
  const generation = state.generation;
  refresh(generation).finally(() => {
    if (generation === state.generation) {
      clearTimeout(timer);
      timer = setTimeout(refreshNow, REFRESH_MS);
    }
  });
}

async function refresh(generation) {
  if (document.hidden) {
    return; // no polling in a background tab; visibilitychange resumes it
  }
  const range = RANGES[state.range];
  const ctx = {
    range,
    rangeSince: Math.round(range.ms / 1000) + 's',
    isCurrent: () => generation === state.generation,
  };
  try {
    await state.view.refresh(ctx);
    if (!ctx.isCurrent()) {
      return;
    }
    setStatus('Updated ' + clockTime(Date.now()), false);
    if (state.firstRender) {
      state.firstRender = false;
      performance.mark('dashboard-ready');
    }
  } catch (e) {
    if (ctx.isCurrent()) {
      const reason = e.name === 'AbortError' ? 'no answer within ' + REQUEST_TIMEOUT_MS / 1000 + ' s' : e.message;
      setStatus('Update failed at ' + clockTime(Date.now()) + ': ' + reason + ' · retrying every '
        + REFRESH_MS / 1000 + ' s', true);
    }
  }
}

function setStatus(content, isError) {
  statusEl.textContent = content;
  statusEl.className = 'status ' + (isError ? 'error' : 'ok');
}
