// The host view (#/host/<name>): CPU, memory and disk over the chosen range from GET /metrics (raw
// for 15 min and 1 h, averaged with ?step= for 6 h and 24 h), the expected range per statistics
// window from GET /stats as a band, and the host's anomalies from GET /anomalies as red points.
// Samples and statistics are fetched incrementally after the first load.
import { getJson } from './api.js';
import { MAX_TABLE_ROWS, renderAnomalyTable } from './anomalies.js';
import { clearCharts, drawCharts, loadCharts } from './charts.js';
import { el } from './dom.js';
import { ago } from './format.js';
import { hostInfo, rememberHosts } from './store.js';

export const section = el('host-view');

const data = {
  host: null,
  samples: new Map(), // timestamp -> sample
  newestSample: null,
  stats: new Map(), // window|start -> stats
  newestStats: null,
  anomalies: [],
};

/** Opens the view on a host (again): its data starts afresh. */
export function enter(host) {
  if (host !== data.host) {
    data.host = host;
    reset();
  }
  renderHead();
}

/** A new range or host: everything is loaded again. */
export function reset() {
  data.samples.clear();
  data.newestSample = null;
  data.stats.clear();
  data.newestStats = null;
  data.anomalies = [];
  clearCharts();
}

export async function refresh(ctx) {
  const host = data.host;
  const range = ctx.range;
  const q = 'host=' + encodeURIComponent(host);
  // first load: the range, measured on the server's clock; then only what is new, with an
  // overlap so that late samples and re-fired statistics windows show up too
  let metricsSince = ctx.rangeSince;
  if (data.newestSample !== null) {
    metricsSince = String(data.newestSample - (range.stepMs ? 2 * range.stepMs : 60e3));
  }
  let statsSince = ctx.rangeSince;
  if (data.newestStats !== null) {
    statsSince = String(data.newestStats - 5 * 60e3);
  }
  const [metrics, stats, anomalies, hosts] = await Promise.all([
    getJson('metrics?' + q + '&since=' + encodeURIComponent(metricsSince) + '&limit=50000'
      + (range.step ? '&step=' + range.step : '')),
    getJson('stats?' + q + '&since=' + encodeURIComponent(statsSince) + '&limit=50000'),
    getJson('anomalies?' + q + '&since=' + ctx.rangeSince + '&limit=5000'),
    getJson('hosts'),
    loadCharts(),
  ]);
  if (!ctx.isCurrent()) {
    return;
  }
  rememberHosts(hosts.hosts);
  for (const s of metrics.samples) {
    const t = Date.parse(s.timestamp);
    data.samples.set(t, s);
    if (data.newestSample === null || t > data.newestSample) {
      data.newestSample = t;
    }
  }
  for (const s of stats.stats) {
    const t = Date.parse(s.start);
    data.stats.set(s.window + '|' + t, s);
    if (data.newestStats === null || t > data.newestStats) {
      data.newestStats = t;
    }
  }
  data.anomalies = anomalies.anomalies;
  renderHead();
  render(range);
  renderAnomalyTable(anomalies.anomalies.slice(0, MAX_TABLE_ROWS), host + ', ' + range.label);
}

/** Draws what is loaded (also once Chart.js has arrived). */
export function render(range) {
  const end = Math.max(Date.now(), data.newestSample === null ? 0 : data.newestSample);
  const start = end - range.ms;
  for (const t of data.samples.keys()) {
    if (t < start - (range.stepMs || 0)) {
      data.samples.delete(t);
    }
  }
  for (const [key, s] of data.stats) {
    if (Date.parse(s.end || s.start) < start) {
      data.stats.delete(key);
    }
  }
  drawCharts({
    samples: Array.from(data.samples.entries()).sort((a, b) => a[0] - b[0]),
    windows: shortestWindowStats(),
    anomalies: (data.anomalies || []).slice().sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp)),
    start,
    end,
  });
}

function renderHead() {
  el('host-title').textContent = data.host;
  const h = hostInfo.get(data.host);
  const badge = el('host-state');
  badge.hidden = !h;
  if (h) {
    badge.className = 'badge state-' + h.state;
    badge.textContent = h.state;
    el('host-seen').textContent = 'last sample ' + ago(Date.parse(h.last_seen));
  } else {
    el('host-seen').textContent = '';
  }
}

/** The statistics of the shortest window length the job writes (the long one is coarser). */
function shortestWindowStats() {
  let best = null;
  let bestMs = Infinity;
  for (const s of data.stats.values()) {
    const ms = Date.parse(s.end) - Date.parse(s.start);
    if (ms > 0 && ms < bestMs) {
      bestMs = ms;
      best = s.window;
    }
  }
  return Array.from(data.stats.values())
    .filter((s) => s.window === best)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}
