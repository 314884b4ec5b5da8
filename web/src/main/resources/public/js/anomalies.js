// The anomaly table under the overview and the host view.
import { cell, el, hostLink } from './dom.js';
import { dateTime, num, pct } from './format.js';

export const MAX_TABLE_ROWS = 200;

const tableBody = document.querySelector('#anomalies tbody');

export function clearAnomalyTable() {
  tableBody.replaceChildren();
}

/** The rows, newest first; {@code scope} says whose and when, e.g. "all hosts, last 1 h". */
export function renderAnomalyTable(anomalies, scope) {
  el('anomalies-scope').textContent = '(' + scope
    + (anomalies.length >= MAX_TABLE_ROWS ? ', newest ' + MAX_TABLE_ROWS : '') + ')';
  const rows = anomalies.map((a) => {
    const tr = document.createElement('tr');
    tr.className = 'anomaly';
    tr.append(
      cell(dateTime(Date.parse(a.timestamp))),
      cell(hostLink(a.host)),
      cell(a.reason || '', 'reason'),
      cell(pct(a.cpu), 'num'),
      cell(pct(a.memory), 'num'),
      cell(pct(a.disk), 'num'),
      cell(num(a.score), 'num'),
      cell(a.explanation || '', 'explanation'));
    return tr;
  });
  tableBody.replaceChildren(...rows);
  el('no-anomalies').hidden = anomalies.length > 0;
}
