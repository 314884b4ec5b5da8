package com.smartinfra.job.alert;

import static com.smartinfra.job.alert.Alerts.T0;
import static com.smartinfra.job.alert.Alerts.item;
import static com.smartinfra.job.alert.Alerts.notification;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fleet stage's decisions, on a hand-driven wall clock. */
class FleetIncidentsTest {
    private static final long S = 1000;

    /** The default alert.fleet.wait. */
    private static final long WAIT = 10 * S;

    private final List<Notification> out = new ArrayList<>();
    private final FleetState state = new FleetState();
    private FleetIncidents fleet = new FleetIncidents(Alerts.config(Map.of(ENABLED, "true")));

    private static final String ENABLED = "alert.fleet.enabled";

    private void configure(Map<String, String> settings) {
        Map<String, String> s = new java.util.HashMap<>(Map.of(ENABLED, "true"));
        s.putAll(settings);
        fleet = new FleetIncidents(Alerts.config(s));
    }

    private static Notification firing(String host, long t) {
        return notification(host + "#0", item(host, Causes.CPU, NotificationKind.FIRING, t));
    }

    private static Notification resolved(String host, long since, long t) {
        AlertItem i = item(host, Causes.CPU, NotificationKind.RESOLVED, t);
        i.since = since;
        i.sequence = 1;
        return notification(host + "#1", i);
    }

    private void offer(Notification n, long now) {
        fleet.onNotification(state, n, now, out::add);
    }

    private void at(long now) {
        fleet.onTime(state, now, out::add);
    }

    private static List<String> hostsOf(Notification n) {
        List<String> hosts = new ArrayList<>();
        for (AlertItem i : n.items) {
            hosts.add(i.host);
        }
        return hosts;
    }

    @Test
    void hostsPagingTogetherGoOutAsOneFleetMessageWithEveryHostsNotifications() {
        offer(firing("web-01", T0), T0);
        offer(firing("db-01", T0 + 3 * S), T0 + 3 * S);
        offer(firing("cache-01", T0 + 6 * S), T0 + 6 * S);
        assertThat(out).as("held for alert.fleet.wait").isEmpty();

        at(T0 + WAIT);

        assertThat(out).hasSize(1);
        Notification n = out.get(0);
        assertThat(n.fleetStage).isEqualTo(FleetStage.OPENED);
        assertThat(n.fleetIncident).isEqualTo("fleet-1");
        assertThat(n.fleetHosts).containsExactly("web-01", "db-01", "cache-01");
        assertThat(hostsOf(n)).containsExactly("web-01", "db-01", "cache-01");
        assertThat(n.id).isEqualTo("fleet#0");
        assertThat(fleet.nextWake(state))
                .as("only the day-long safety net")
                .isGreaterThan(T0 + 3600 * S);
    }

    @Test
    void fewerHostsThanTheMinimumGoOutAloneAfterTheWaitUnchanged() {
        Notification a = firing("web-01", T0);
        Notification b = firing("db-01", T0 + 3 * S);
        offer(a, T0);
        offer(b, T0 + 3 * S);
        at(T0 + WAIT - S);
        assertThat(out).isEmpty();
        at(T0 + WAIT);
        assertThat(out).containsExactly(a);
        at(T0 + 3 * S + WAIT);
        assertThat(out).containsExactly(a, b);
        assertThat(b.fleetStage).isNull();
    }

    @Test
    void aThirdHostWithinTheWindowOpensAnIncidentListingTheHostsThatAlreadyPagedAlone() {
        offer(firing("web-01", T0), T0);
        offer(firing("db-01", T0), T0);
        at(T0 + WAIT);
        assertThat(out).hasSize(2);

        offer(firing("cache-01", T0 + 40 * S), T0 + 40 * S);
        at(T0 + 40 * S + WAIT);

        assertThat(out).hasSize(3);
        Notification n = out.get(2);
        assertThat(n.fleetStage).isEqualTo(FleetStage.OPENED);
        assertThat(n.fleetHosts).containsExactly("web-01", "db-01", "cache-01");
        assertThat(hostsOf(n)).containsExactly("web-01", "db-01", "cache-01");
        // web-01 and db-01 paged in their own messages: listed again, recorded once (theirs)
        assertThat(n.items)
                .extracting(i -> i.host + " " + i.relisted)
                .containsExactly("web-01 true", "db-01 true", "cache-01 false");
    }

    @Test
    void aHostPagingAfterTheWindowIsNotPartOfIt() {
        offer(firing("web-01", T0), T0);
        offer(firing("db-01", T0), T0);
        at(T0 + WAIT);
        offer(firing("cache-01", T0 + 61 * S), T0 + 61 * S);
        at(T0 + 61 * S + WAIT);
        assertThat(out).hasSize(3);
        assertThat(out).allSatisfy(n -> assertThat(n.fleetStage).isNull());
    }

    @Test
    void membersResolvingAreFoldedIntoOneResolveWhenTheLastAlertIsOver() {
        for (String h : List.of("web-01", "db-01", "cache-01")) {
            offer(firing(h, T0), T0);
        }
        at(T0 + WAIT);
        offer(resolved("web-01", T0, T0 + 90 * S), T0 + 90 * S);
        offer(resolved("db-01", T0, T0 + 93 * S), T0 + 93 * S);
        assertThat(out).as("resolves of members wait for the last one").hasSize(1);

        offer(resolved("cache-01", T0, T0 + 99 * S), T0 + 99 * S);

        assertThat(out).hasSize(2);
        Notification n = out.get(1);
        assertThat(n.fleetStage).isEqualTo(FleetStage.RESOLVED);
        assertThat(hostsOf(n)).containsExactly("web-01", "db-01", "cache-01");
        assertThat(n.items)
                .allSatisfy(i -> assertThat(i.kind).isEqualTo(NotificationKind.RESOLVED));
        assertThat(state.open).isEmpty();
    }

    @Test
    void aLateHostWithinTheWindowJoinsTheOpenIncidentAsOneUpdate() {
        for (String h : List.of("web-01", "db-01", "cache-01")) {
            offer(firing(h, T0), T0);
        }
        at(T0 + WAIT);
        offer(firing("worker-01", T0 + 30 * S), T0 + 30 * S);
        offer(firing("queue-01", T0 + 31 * S), T0 + 31 * S);
        at(T0 + 31 * S + WAIT);

        assertThat(out).hasSize(2);
        Notification update = out.get(1);
        assertThat(update.fleetStage).isEqualTo(FleetStage.UPDATE);
        assertThat(update.fleetIncident).isEqualTo("fleet-1");
        assertThat(update.fleetHosts)
                .containsExactly("web-01", "db-01", "cache-01", "worker-01", "queue-01");
        assertThat(hostsOf(update)).containsExactly("worker-01", "queue-01");
    }

    @Test
    void anotherAlertOfAMemberDoesNotPageAgainAndRidesAlongWithTheResolve() {
        for (String h : List.of("web-01", "db-01", "cache-01")) {
            offer(firing(h, T0), T0);
        }
        at(T0 + WAIT);
        AlertItem memory = item("web-01", Causes.MEMORY, NotificationKind.FIRING, T0 + 30 * S);
        offer(notification("web-01#2", memory), T0 + 30 * S);
        at(T0 + 60 * S);
        assertThat(out).as("the incident pages once").hasSize(1);

        for (String h : List.of("web-01", "db-01", "cache-01")) {
            offer(resolved(h, T0, T0 + 90 * S), T0 + 90 * S);
        }
        assertThat(out).as("web-01 memory still firing").hasSize(1);
        AlertItem memoryResolved =
                item("web-01", Causes.MEMORY, NotificationKind.RESOLVED, T0 + 120 * S);
        memoryResolved.since = memory.since;
        offer(notification("web-01#3", memoryResolved), T0 + 120 * S);

        assertThat(out).hasSize(2);
        assertThat(out.get(1).fleetStage).isEqualTo(FleetStage.RESOLVED);
        assertThat(out.get(1).items).contains(memory, memoryResolved);
    }

    @Test
    void notificationsThatAreOnlyRecordedPassAtOnce() {
        AlertItem warning = item("web-01", Causes.MODEL, NotificationKind.FIRING, T0);
        warning.warning = true;
        Notification n = notification("web-01#0", warning);
        offer(n, T0);
        assertThat(out).containsExactly(n);
    }

    @Test
    void aMessageOfAHeldHostWaitsBehindItsFirstPage() {
        Notification first = firing("web-01", T0);
        Notification resolve = resolved("web-01", T0, T0 + 5 * S);
        offer(first, T0);
        offer(resolve, T0 + 5 * S);
        assertThat(out).isEmpty();
        at(T0 + WAIT);
        assertThat(out).containsExactly(first, resolve);
    }

    @Test
    void switchedOffEverythingPassesAtOnce() {
        configure(Map.of("alert.fleet.enabled", "false"));
        for (String h : List.of("web-01", "db-01", "cache-01")) {
            offer(firing(h, T0), T0);
        }
        assertThat(out).hasSize(3);
        assertThat(out).allSatisfy(n -> assertThat(n.fleetStage).isNull());
    }

    @Test
    void theEndOfABoundedInputDecidesWhatIsHeld() {
        for (String h : List.of("web-01", "db-01", "cache-01")) {
            offer(firing(h, T0), T0);
        }
        fleet.endOfInput(state, out::add);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).fleetStage).isEqualTo(FleetStage.OPENED);
        assertThat(state.held).isEmpty();
    }

    @Test
    void minHostsIsASetting() {
        Map<String, String> settings = new HashMap<>();
        settings.put("alert.fleet.min-hosts", "2");
        configure(settings);
        offer(firing("web-01", T0), T0);
        offer(firing("db-01", T0), T0);
        at(T0 + WAIT);
        assertThat(out).hasSize(1);
        assertThat(Arrays.asList(out.get(0).fleetHosts)).containsExactly("web-01", "db-01");
    }
}
