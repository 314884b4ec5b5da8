// What several views share: the newest GET /hosts entries, by host.
export const hostInfo = new Map();

export function rememberHosts(hosts) {
  hosts.forEach((h) => hostInfo.set(h.host, h));
}
