package com.smartinfra.job.alert;

/**
 * The words of a fleet-incident message (one Slack message for hosts paging together): its first
 * line, its hosts line and its header. {@link SlackMessageRenderer} lays them out like a host's.
 */
final class FleetMessageText {
    private FleetMessageText() {}

    /** The first line: what happened to how many hosts. */
    static String firstLine(Notification n) {
        int hosts = n.fleetHosts.length;
        switch (n.fleetStage) {
            case OPENED:
                return "ALERT! Fleet incident: " + hosts + " hosts turned anomalous together:";
            case UPDATE:
                return "UPDATE: fleet incident " + n.fleetIncident + ", now " + hosts + " hosts:";
            default:
                return "RESOLVED: fleet incident "
                        + n.fleetIncident
                        + " is over on all "
                        + hosts
                        + " hosts:";
        }
    }

    /** The line under it: the hosts, where a host's message shows its sample's metrics. */
    static String hostsLine(Notification n) {
        return "Hosts: " + String.join(", ", n.fleetHosts);
    }

    /** The Block Kit header. */
    static String header(Notification n) {
        String hosts = n.fleetHosts.length + " hosts (" + String.join(", ", n.fleetHosts) + ")";
        return n.fleetStage == FleetStage.RESOLVED
                ? ":white_check_mark: RESOLVED fleet incident " + n.fleetIncident + ": " + hosts
                : ":rotating_light: FLEET INCIDENT " + n.fleetIncident + ": " + hosts;
    }
}
