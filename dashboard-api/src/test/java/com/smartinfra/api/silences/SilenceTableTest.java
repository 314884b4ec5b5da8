package com.smartinfra.api.silences;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.schema.SilenceCommand;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceTableTest {
    private static SilenceCommand silence(String id, long until) {
        return SilenceCommand.silence(id, "web-01", null, until, null);
    }

    private static List<String> ids(List<SilenceCommand> silences) {
        return silences.stream().map(c -> c.id).toList();
    }

    @Test
    void commandsLeaveTheActiveSilencesAsTheJobHasThem() {
        SilenceTable t = new SilenceTable(10);
        t.apply(silence("b", 300), 100);
        t.apply(silence("a", 300), 100);
        t.apply(silence("c", 200), 100);
        t.apply(silence("ended", 100), 100); // ends at now: not active
        t.apply(silence("c", 400), 100); // replaced, not added
        t.apply(SilenceCommand.unsilence("b"), 100);
        t.apply(SilenceCommand.unsilence("never-there"), 100);

        assertThat(ids(t.active(100))).containsExactly("a", "c");
        assertThat(ids(t.active(300))).containsExactly("c");
        assertThat(t.active(400)).isEmpty();
    }

    @Test
    void addsBelowTheCapOnlyCountingSilencesStillActive() {
        SilenceTable t = new SilenceTable(10);
        assertThat(t.addIfBelow(silence("a", 200), 2, 100)).isTrue();
        assertThat(t.addIfBelow(silence("b", 300), 2, 100)).isTrue();
        assertThat(t.addIfBelow(silence("c", 300), 2, 100)).isFalse();
        assertThat(t.addIfBelow(silence("c", 300), 2, 200)).isTrue(); // a ended
        t.remove("b");
        assertThat(ids(t.active(200))).containsExactly("c");
    }

    @Test
    void tracksABoundedNumberAndIgnoresNewOnesBeyondIt() {
        SilenceTable t = new SilenceTable(2);
        assertThat(t.apply(silence("a", 200), 100)).isTrue();
        assertThat(t.apply(silence("b", 300), 100)).isTrue();
        assertThat(t.apply(silence("c", 300), 100)).isFalse();
        assertThat(t.apply(silence("b", 400), 100)).isTrue(); // a known one may change
        assertThat(t.apply(silence("c", 300), 200)).isTrue(); // a ended: room again
        assertThat(ids(t.active(200))).containsExactly("c", "b");
    }
}
