package dev.telemetry.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The ring of unsettled offsets answers as a sorted set of the offsets received and not settled would, whatever the
 * order of settling, the gaps between offsets, and the growth and wrap-around of the ring.
 */
class UnsettledOffsetsPropertiesTest {

    /**
     * Each step either receives the next offset ({@code step >= 0}: the gap to it is {@code step % 5}) or settles one
     * offset received so far, picked by {@code -step}, which may already be settled or never have been received.
     */
    @Property(tries = 500)
    void answersAsASortedSetWould(@ForAll @Size(max = 600) List<@IntRange(min = -400, max = 400) Integer> steps) {
        UnsettledOffsets ring = new UnsettledOffsets();
        TreeSet<Long> model = new TreeSet<>();
        long next = 0;
        for (int step : steps) {
            if (step >= 0) {
                next += step % 5;
                ring.add(next);
                model.add(next);
                next++;
            } else {
                long offset = next == 0 ? 0 : -step % (next + 1);
                assertThat(ring.contains(offset)).isEqualTo(model.contains(offset));
                ring.remove(offset);
                model.remove(offset);
            }
            assertThat(ring.isEmpty()).isEqualTo(model.isEmpty());
            if (!model.isEmpty()) {
                assertThat(ring.first()).isEqualTo(model.first());
            }
        }
    }

    @Test
    void aDrainedBacklogStillAnswersAfterTheRingShrinks() {
        UnsettledOffsets ring = new UnsettledOffsets();
        for (long offset = 0; offset < 10_000; offset++) {
            ring.add(offset);
        }
        for (long offset = 9_999; offset >= 0; offset--) {
            ring.remove(offset);
        }
        assertThat(ring.isEmpty()).isTrue();
        ring.add(10_000);
        ring.add(10_001);
        ring.remove(10_000);
        assertThat(ring.first()).isEqualTo(10_001);
        assertThat(ring.contains(10_001)).isTrue();
    }

    @Test
    void anOffsetNotAfterTheLastIsRefused() {
        UnsettledOffsets ring = new UnsettledOffsets();
        ring.add(7);
        assertThatThrownBy(() -> ring.add(7)).isInstanceOf(IllegalArgumentException.class);
        ring.remove(7);
        assertThatThrownBy(ring::first).isInstanceOf(IllegalStateException.class);
    }
}
