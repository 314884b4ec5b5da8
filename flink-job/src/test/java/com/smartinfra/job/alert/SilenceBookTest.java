package com.smartinfra.job.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.schema.SilenceCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The silences' rules on a plain map. */
class SilenceBookTest {
    private final Map<String, SilenceCommand> map = new LinkedHashMap<>();
    private final SilenceBook.Store store =
            new SilenceBook.Store() {
                @Override
                public Iterable<Map.Entry<String, SilenceCommand>> entries() {
                    return new ArrayList<>(map.entrySet());
                }

                @Override
                public boolean contains(String id) {
                    return map.containsKey(id);
                }

                @Override
                public void put(String id, SilenceCommand c) {
                    map.put(id, c);
                }

                @Override
                public void remove(String id) {
                    map.remove(id);
                }
            };

    @Test
    void theCapCountsOnlyActiveSilencesAndRenewingIsNotANewOne() throws Exception {
        assertThat(
                        SilenceBook.apply(
                                SilenceCommand.silence("a", "h1", null, 100, null), 0, 2, store))
                .isEqualTo(SilenceBook.Outcome.ADDED);
        assertThat(
                        SilenceBook.apply(
                                SilenceCommand.silence("b", "h2", null, 50, null), 0, 2, store))
                .isEqualTo(SilenceBook.Outcome.ADDED);
        assertThat(
                        SilenceBook.apply(
                                SilenceCommand.silence("c", "h3", null, 100, null), 0, 2, store))
                .isEqualTo(SilenceBook.Outcome.REFUSED);
        assertThat(
                        SilenceBook.apply(
                                SilenceCommand.silence("a", "h1", null, 200, null), 0, 2, store))
                .isEqualTo(SilenceBook.Outcome.ADDED);
        // "b" has expired by 60: room for "c"
        assertThat(
                        SilenceBook.apply(
                                SilenceCommand.silence("c", "h3", null, 100, null), 60, 2, store))
                .isEqualTo(SilenceBook.Outcome.ADDED);
        assertThat(map.keySet()).containsExactly("a", "c");
    }

    @Test
    void aSilenceCoversItsHostAndCauseUntilItEnds() throws Exception {
        SilenceBook.apply(SilenceCommand.silence("a", "h1", "cpu", 100, null), 0, 10, store);
        assertThat(SilenceBook.covers(map.entrySet(), "h1", "cpu", 99)).isTrue();
        assertThat(SilenceBook.covers(map.entrySet(), "h1", "disk", 99)).isFalse();
        assertThat(SilenceBook.covers(map.entrySet(), "h2", "cpu", 99)).isFalse();
        assertThat(SilenceBook.covers(map.entrySet(), "h1", "cpu", 100)).isFalse();
        assertThat(SilenceBook.apply(SilenceCommand.unsilence("a"), 1, 10, store))
                .isEqualTo(SilenceBook.Outcome.REMOVED);
        assertThat(map).isEmpty();
    }
}
