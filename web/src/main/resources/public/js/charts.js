// The host view's three charts. Chart.js (200 KB, a WebJar served by the API) is only loaded when
// a host view opens: the overview does not need it.
import { el } from './dom.js';
import { clockTime, num, wrap } from './format.js';

export const METRICS = [
  { key: 'cpu', label: 'CPU', canvas: 'chart-cpu' },
  { key: 'memory', label: 'Memory', canvas: 'chart-memory' },
  { key: 'disk', label: 'Disk', canvas: 'chart-disk' },
];

const LINE_COLOR = '#4e79a7';
const BAND_COLOR = 'rgba(78, 121, 167, 0.2)';
const ANOMALY_COLOR = '#d92d20';

let charts = null;
let chartsLoading = null;

/** Loads Chart.js from this server once and creates the three charts. */
export function loadCharts() {
  if (!chartsLoading) {
    chartsLoading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = 'vendor/chart.umd.js';
      script.onload = () => {
        if (typeof Chart === 'undefined') {
          reject(new Error('Chart.js did not load (vendor/chart.umd.js)'));
          return;
        }
        Chart.Interaction.modes.nearestData = nearestData;
        charts = METRICS.map((m) => new Chart(el(m.canvas), chartConfig(m)));
        resolve();
      };
      script.onerror = () => {
        chartsLoading = null; // try again on the next refresh
        reject(new Error('Chart.js did not load (vendor/chart.umd.js)'));
      };
      document.head.append(script);
    });
  }
  return chartsLoading;
}

/** Empties every chart (a new host or range). */
export function clearCharts() {
  if (charts) {
    charts.forEach((c) => c.data.datasets.forEach((d) => { d.data = []; }));
  }
}

/**
 * Hands every chart its data: samples as [time, sample] pairs sorted by time, the statistics
 * windows of one length sorted by start, the anomalies sorted by time, and the x range.
 */
export function drawCharts({ samples, windows, anomalies, start, end }) {
  if (!charts) {
    return;
  }
  METRICS.forEach((metric, i) => {
    const chart = charts[i];
    const [low, high, line, dots] = chart.data.datasets;
    const band = bandOf(windows, metric.key);
    low.data = band.low;
    high.data = band.high;
    line.data = samples
      .filter(([, s]) => typeof s[metric.key] === 'number')
      .map(([t, s]) => ({ x: t, y: s[metric.key] }));
    dots.data = anomalies
      .filter((a) => typeof a[metric.key] === 'number')
      .map((a) => ({ x: Date.parse(a.timestamp), y: a[metric.key], anomaly: a }));
    chart.options.scales.x.min = start;
    chart.options.scales.x.max = end;
    chart.options.scales.y.max = yMax([line.data, high.data, dots.data]);
    chart.update('none');
  });
}

/** Room for the highest value in view, in steps of 10 %, between 20 % and 100 %. */
function yMax(series) {
  let max = 0;
  for (const data of series) {
    for (const p of data) {
      if (typeof p.y === 'number' && p.y > max) {
        max = p.y;
      }
    }
  }
  return Math.min(100, Math.max(20, Math.ceil((max + 5) / 10) * 10));
}

/** Mean ± 2σ of each window as a stepped band; a gap between windows breaks it. */
function bandOf(windows, key) {
  const low = [];
  const high = [];
  let previousEnd = null;
  for (const w of windows) {
    const m = w[key];
    if (!m || typeof m.mean !== 'number') {
      continue;
    }
    const sd = typeof m.stddev === 'number' ? m.stddev : 0;
    const start = Date.parse(w.start);
    const end = Date.parse(w.end);
    if (previousEnd !== null && start > previousEnd) {
      low.push({ x: previousEnd, y: null });
      high.push({ x: previousEnd, y: null });
    }
    low.push({ x: start, y: Math.max(0, m.mean - 2 * sd) });
    high.push({ x: start, y: Math.min(100, m.mean + 2 * sd) });
    low.push({ x: end - 1, y: Math.max(0, m.mean - 2 * sd) });
    high.push({ x: end - 1, y: Math.min(100, m.mean + 2 * sd) });
    previousEnd = end;
  }
  return { low, high };
}

function chartConfig(metric) {
  const band = {
    data: [],
    borderWidth: 0,
    borderColor: 'transparent',
    backgroundColor: BAND_COLOR,
    pointRadius: 0,
    pointHitRadius: 0,
    spanGaps: false,
    tension: 0,
  };
  return {
    type: 'line',
    data: {
      datasets: [
        Object.assign({ role: 'band-low', label: 'Expected range (low)', fill: false }, band),
        Object.assign({ role: 'band-high', label: 'Expected range', fill: '-1' }, band),
        {
          role: 'samples',
          label: metric.label,
          data: [],
          borderColor: LINE_COLOR,
          backgroundColor: LINE_COLOR,
          borderWidth: 1.5,
          pointRadius: 0,
          pointHoverRadius: 3,
          pointHitRadius: 6,
          tension: 0,
          spanGaps: false,
        },
        {
          role: 'anomalies',
          label: 'Anomalies',
          data: [],
          showLine: false,
          pointRadius: 4.5,
          pointHoverRadius: 6,
          pointHitRadius: 8,
          pointBackgroundColor: ANOMALY_COLOR,
          pointBorderColor: '#ffffff',
          pointBorderWidth: 1.5,
          borderColor: ANOMALY_COLOR,
          backgroundColor: ANOMALY_COLOR,
        },
      ],
    },
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearestData', intersect: false },
      scales: {
        x: {
          type: 'linear',
          afterBuildTicks: (axis) => {
            axis.ticks = timeTicks(axis.min, axis.max);
          },
          ticks: { maxRotation: 0, callback: (v) => clockTime(v, true) },
          grid: { color: '#eef1f4' },
        },
        y: {
          min: 0,
          max: 100,
          ticks: { maxTicksLimit: 6, callback: (v) => v + '%' },
          grid: { color: '#eef1f4' },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          filter: (item) => !String(item.dataset.role).startsWith('band'),
          callbacks: {
            title: (items) => (items.length ? clockTime(items[0].parsed.x) : ''),
            label: (item) => {
              if (item.dataset.role === 'anomalies') {
                const a = item.raw.anomaly;
                return ['Anomaly: ' + a.reason + ' · score ' + num(a.score) + ' (threshold ' + num(a.threshold) + ')']
                  .concat(wrap(a.explanation || '', 64));
              }
              return metric.label + ': ' + item.parsed.y.toFixed(1) + '%';
            },
          },
        },
      },
    },
  };
}

/**
 * Chart.js's 'nearest' along x, but over the samples and anomalies only: the band's corner
 * points must not take the hover from the point under the mouse. Returns every point at the
 * nearest x, so an anomaly and its sample show in one tooltip.
 */
function nearestData(chart, e) {
  let best = Infinity;
  let items = [];
  chart.data.datasets.forEach((dataset, datasetIndex) => {
    if (String(dataset.role).startsWith('band') || !chart.isDatasetVisible(datasetIndex)) {
      return;
    }
    chart.getDatasetMeta(datasetIndex).data.forEach((element, index) => {
      if (element.skip) {
        return;
      }
      const distance = Math.abs(element.x - e.x);
      if (distance < best - 0.01) {
        best = distance;
        items = [{ element, datasetIndex, index }];
      } else if (distance <= best + 0.01) {
        items.push({ element, datasetIndex, index });
      }
    });
  });
  return items;
}

/** Ticks on round times, about six across. */
function timeTicks(min, max) {
  const steps = [15e3, 30e3, 60e3, 120e3, 300e3, 600e3, 900e3, 1800e3, 3600e3, 7200e3, 10800e3, 21600e3];
  const step = steps.find((s) => (max - min) / s <= 6) || steps[steps.length - 1];
  const offset = new Date(min).getTimezoneOffset() * 60e3; // round to local hours, not UTC ones
  const ticks = [];
  for (let t = Math.ceil((min - offset) / step) * step + offset; t <= max; t += step) {
    ticks.push({ value: t });
  }
  return ticks;
}
