package dev.telemetry.connect.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.common.access.OperatorPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One task's view of a file_sd file on a controlled clock: when it reads, what it answers, what it counts. */
class ServiceDiscoveryTest {

    private static final long REFRESH_MS = 5_000;

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong(42);

    @Test
    void aSourceIsReadOnItsIntervalAndAnUnchangedListIsNoChange() throws Exception {
        Path file = dir.resolve("targets.json");
        write(file, "[{\"targets\": [\"127.0.0.1:9100\"]}]", 1);
        ServiceDiscovery discovery = discovery(file, new TaskShare(0, 1));

        Optional<Map<String, ScrapeTarget>> first = discovery.refresh();
        assertThat(first)
                .hasValueSatisfying(targets -> assertThat(targets).containsOnlyKeys("http://127.0.0.1:9100/metrics"));
        assertThat(discovery.nanosUntilDue()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(REFRESH_MS));

        write(file, "[{\"targets\": [\"127.0.0.1:9101\"]}]", 2);
        assertThat(discovery.refresh()).as("not due yet").isEmpty();
        elapse(REFRESH_MS);
        assertThat(discovery.refresh())
                .hasValueSatisfying(targets -> assertThat(targets).containsOnlyKeys("http://127.0.0.1:9101/metrics"));
        elapse(REFRESH_MS);
        assertThat(discovery.refresh()).as("unchanged").isEmpty();
    }

    @Test
    void failedReadsAreCountedAndTheLastGoodTargetsStay() throws Exception {
        Path file = dir.resolve("targets.json");
        write(file, "[{\"targets\": [\"127.0.0.1:9100\"]}]", 1);
        ServiceDiscovery discovery = discovery(file, new TaskShare(0, 1));
        assertThat(discovery.refresh()).isPresent();

        write(file, "[{\"targets\": ", 2);
        elapse(REFRESH_MS);
        assertThat(discovery.refresh()).isEmpty();
        elapse(REFRESH_MS);
        assertThat(discovery.refresh()).isEmpty();
        assertThat(discovery.failedReads()).isEqualTo(2);

        write(file, "[]", 3);
        elapse(REFRESH_MS);
        assertThat(discovery.refresh()).hasValue(Map.of());
        assertThat(discovery.failedReads()).isEqualTo(2);
    }

    @Test
    void aRefusedTargetIsCountedByTheOneTaskWhoseShareItIs() throws Exception {
        Path file = dir.resolve("targets.json");
        write(file, "[{\"targets\": [\"169.254.169.254:80\", \"127.0.0.1:9100\"]}]", 1);
        int refusedIn = 0;
        for (int task = 0; task < 3; task++) {
            ServiceDiscovery discovery = discovery(file, new TaskShare(task, 3));
            discovery.refresh();
            refusedIn += discovery.refused().size();
            discovery.refused().forEach((identity, reason) -> assertThat(reason).contains("169.254.0.0/16"));
        }
        assertThat(refusedIn).isEqualTo(1);
    }

    private ServiceDiscovery discovery(Path file, TaskShare share) {
        return new ServiceDiscovery(
                List.of(new FileTargetGroups(
                        file, REFRESH_MS, OperatorPolicy.ofWorker().readPaths())),
                DiscoveredTargetsTest.discovered(1000),
                share,
                nanos::get);
    }

    private void elapse(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private static void write(Path file, String text, int version) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L + version * 1000L));
    }
}
