package dev.telemetry.connect.sink.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.sink.SinkRecords;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.alert.AlertFactory;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import dev.telemetry.connect.testkit.OperatorSettings;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAlertSenderTest {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AlertFactory factory =
            new AlertFactory(new AlertSinkConfig(Map.of("destination", "file", "file.path", "/tmp/a.jsonl")), () -> T0);

    @TempDir
    Path dir;

    private Alert alert(long offset) {
        return factory.create(
                SinkRecords.log("alerts", 0, offset, "critical", "svc", "boom " + offset, T0.toEpochMilli()));
    }

    @Test
    void appendsOneJsonLinePerAlertAndNeverTruncates() throws Exception {
        Path file = dir.resolve("alerts.jsonl");
        Files.writeString(file, "{\"existing\":true}\n");
        try (FileAlertSender sender = new FileAlertSender(file, 0)) {
            assertThat(sender.send(List.of(alert(0), alert(1))).rejections()).isEmpty();
            sender.send(List.of(alert(2)));
            sender.flush();
        }
        try (FileAlertSender reopened = new FileAlertSender(file, 0)) {
            reopened.send(List.of(alert(3)));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("{\"existing\":true}");
        JsonNode first = JSON.readTree(lines.get(1));
        assertThat(first.get("id").asText()).isEqualTo("alerts-0-0");
        assertThat(first.get("severity").asText()).isEqualTo("critical");
        assertThat(first.get("summary").asText()).isEqualTo("boom 0");
        assertThat(first.get("event_time").asText()).isEqualTo("2026-11-25T08:00:00Z");
        assertThat(first.at("/record/value/service").asText()).isEqualTo("svc");
        assertThat(JSON.readTree(lines.get(4)).get("id").asText()).isEqualTo("alerts-0-3");
    }

    @Test
    void rotatesBeforeTheWriteThatWouldPassTheSizeAndNeverReplacesARotatedFile() throws Exception {
        Path file = dir.resolve("alerts.jsonl");
        Files.writeString(dir.resolve("alerts.jsonl.2"), "{\"earlier\":true}\n");
        // Every write passes 1 byte: each send after the first rotates, all within one instant of any clock.
        try (FileAlertSender sender = new FileAlertSender(file, 1)) {
            for (long offset = 0; offset < 4; offset++) {
                sender.send(List.of(alert(offset)));
            }
            sender.flush();
        }
        assertThat(Files.readString(dir.resolve("alerts.jsonl.2"))).isEqualTo("{\"earlier\":true}\n");
        assertThat(idsIn(dir.resolve("alerts.jsonl.3"))).containsExactly("alerts-0-0");
        assertThat(idsIn(dir.resolve("alerts.jsonl.4"))).containsExactly("alerts-0-1");
        assertThat(idsIn(dir.resolve("alerts.jsonl.5"))).containsExactly("alerts-0-2");
        assertThat(idsIn(file)).containsExactly("alerts-0-3");
        assertThat(fileNames())
                .containsExactlyInAnyOrder(
                        "alerts.jsonl",
                        "alerts.jsonl.2",
                        "alerts.jsonl.3",
                        "alerts.jsonl.4",
                        "alerts.jsonl.5",
                        "alerts.jsonl.lock");
    }

    @Test
    void twoTasksSharingAFileFollowEachOthersRotations() throws Exception {
        Path file = dir.resolve("alerts.jsonl");
        try (FileAlertSender first = new FileAlertSender(file, 1);
                FileAlertSender second = new FileAlertSender(file, 1)) {
            // Each sender writes on its own thread: a flush after each send sets the order the tasks write in.
            for (long offset = 0; offset < 4; offset++) {
                FileAlertSender sender = offset % 2 == 0 ? first : second;
                sender.send(List.of(alert(offset)));
                sender.flush();
            }
        }
        List<String> ids = new ArrayList<>();
        for (String name : List.of("alerts.jsonl.1", "alerts.jsonl.2", "alerts.jsonl.3", "alerts.jsonl")) {
            ids.addAll(idsIn(dir.resolve(name)));
        }
        assertThat(ids).containsExactly("alerts-0-0", "alerts-0-1", "alerts-0-2", "alerts-0-3");
    }

    @Test
    void aFileBelowTheSizeIsNotRotated() throws Exception {
        Path file = dir.resolve("alerts.jsonl");
        try (FileAlertSender sender = new FileAlertSender(file, 1_000_000)) {
            sender.send(List.of(alert(0)));
            sender.send(List.of(alert(1)));
        }
        assertThat(idsIn(file)).containsExactly("alerts-0-0", "alerts-0-1");
        assertThat(fileNames()).containsExactlyInAnyOrder("alerts.jsonl", "alerts.jsonl.lock");
    }

    @Test
    void aFragmentLeftByACrashMidLineIsMovedAsideOnOpenSoEveryLineParses() throws Exception {
        Path file = dir.resolve("alerts.jsonl");
        Files.writeString(file, "{\"id\":\"alerts-0-0\"}\n{\"id\":\"alerts-0-1\",\"sever");
        try (FileAlertSender sender = new FileAlertSender(file, 0)) {
            sender.send(List.of(alert(1)));
            sender.flush();
        }
        assertThat(idsIn(file)).containsExactly("alerts-0-0", "alerts-0-1");
        assertThat(Files.readString(dir.resolve("alerts.jsonl.torn"))).isEqualTo("{\"id\":\"alerts-0-1\",\"sever\n");
    }

    /** A link swapped in for the alert file after start must not lead the writes out of the allowed directory. */
    @Test
    void aLinkSwappedInForTheFileIsNotWrittenThrough() throws Exception {
        Path alerts = Files.createDirectories(dir.resolve("alerts"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path victim = Files.writeString(elsewhere.resolve("worker.properties"), "group.id=connect\n");
        Path file = alerts.resolve("alerts.jsonl");
        try (OperatorSettings allowed = OperatorSettings.set("telemetry.allowed.write.paths", alerts.toString());
                FileAlertSender sender = new FileAlertSender(file, 1)) {
            sender.send(List.of(alert(0)));
            sender.flush();
            // The next write rotates the file away and opens the path again, now a link.
            Files.move(file, alerts.resolve("moved.jsonl"));
            Files.createSymbolicLink(file, victim);
            sender.send(List.of(alert(1)));
            assertThatThrownBy(sender::flush)
                    .isInstanceOf(DeliveryNotDurableException.class)
                    .hasMessageContaining("telemetry.allowed.write.paths");
        }
        assertThat(Files.readString(victim)).isEqualTo("group.id=connect\n");

        // Even into a place the policy allows, a link is never written through: the open refuses it.
        Path inside = Files.writeString(alerts.resolve("notes.txt"), "keep\n");
        Files.delete(file);
        Files.createSymbolicLink(file, inside);
        try (FileAlertSender sender = new FileAlertSender(file, 0)) {
            sender.send(List.of(alert(2)));
            assertThatThrownBy(sender::flush).isInstanceOf(DeliveryNotDurableException.class);
        }
        assertThat(Files.readString(inside)).isEqualTo("keep\n");
    }

    @Test
    void aWriteCutShortLeavesNoFragmentForTheNextAlertToBeGluedTo() throws Exception {
        Path file = dir.resolve("alerts.jsonl");
        List<FaultyChannel> opened = new ArrayList<>();
        try (FileAlertSender sender = new FileAlertSender(file, 0, faultyOpener(file, opened))) {
            sender.send(List.of(alert(0)));
            sender.flush();
            opened.get(opened.size() - 1).cutNextWriteAfter = 20;
            sender.send(List.of(alert(1), alert(2)));
            // The write happens on the sender's own thread: its failure fails the next flush, so no offset moves.
            assertThatThrownBy(sender::flush)
                    .isInstanceOf(DeliveryNotDurableException.class)
                    .hasMessageContaining("No space left on device");
            sender.send(List.of(alert(1), alert(2)));
            sender.flush();
        }
        assertThat(idsIn(file)).containsExactly("alerts-0-0", "alerts-0-1", "alerts-0-2");
    }

    @Test
    void aFailedSyncFailsTheFlush() throws Exception {
        Path file = dir.resolve("alerts.jsonl");
        List<FaultyChannel> opened = new ArrayList<>();
        try (FileAlertSender sender = new FileAlertSender(file, 0, faultyOpener(file, opened))) {
            sender.send(List.of(alert(0)));
            sender.flush();
            opened.get(opened.size() - 1).failForce = true;
            sender.send(List.of(alert(1)));
            assertThatThrownBy(sender::flush)
                    .isInstanceOf(DeliveryNotDurableException.class)
                    .hasMessageContaining("Input/output error");
            // Reported once: the task then rewinds and delivers those alerts again.
            sender.send(List.of(alert(1)));
            sender.flush();
        }
        assertThat(idsIn(file)).containsExactly("alerts-0-0", "alerts-0-1", "alerts-0-1");
    }

    @Test
    void aFailedWriteAfterUnsyncedAlertsFailsTheNextFlushAlthoughTheChannelIsGone() throws Exception {
        Path file = dir.resolve("alerts.jsonl");
        List<FaultyChannel> opened = new ArrayList<>();
        try (FileAlertSender sender = new FileAlertSender(file, 0, faultyOpener(file, opened))) {
            sender.send(List.of(alert(0)));
            sender.flush();
            opened.get(opened.size() - 1).cutNextWriteAfter = 0;
            sender.send(List.of(alert(1)));
            // alerts-0-0 was written through the dropped channel and never synced, alerts-0-1 not written at all:
            // neither offset may be committed. Reported once; the task then rewinds and delivers both again.
            assertThatThrownBy(sender::flush).isInstanceOf(DeliveryNotDurableException.class);
            sender.flush();
        }
    }

    @Test
    void aBatchThatCannotBecomeJsonFailsTheTaskInsteadOfBeingRetried() throws Exception {
        Object unprintable = new Object() {
            @Override
            public String toString() {
                throw new UnsupportedOperationException("no text for this value");
            }
        };
        SinkRecord record = new SinkRecord("alerts", 0, null, null, null, unprintable, 7);
        Alert broken = alert(7).folded(1, T0, List.of(record));
        try (FileAlertSender sender = new FileAlertSender(dir.resolve("alerts.jsonl"), 0)) {
            sender.send(List.of(broken));
            // Not a DeliveryNotDurableException: delivering the same record again would fail again.
            assertThatThrownBy(sender::flush)
                    .isInstanceOf(IllegalStateException.class)
                    .hasRootCauseMessage("no text for this value");
            assertThatThrownBy(() -> sender.send(List.of(alert(8))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("alerts.jsonl");
        }
    }

    @Test
    void sendReturnsBeforeTheWriteAndFlushWaitsForEveryBatchHandedOver() throws Exception {
        Path file = dir.resolve("alerts.jsonl");
        try (FileAlertSender sender = new FileAlertSender(file, 0)) {
            for (int i = 0; i < 50; i++) {
                sender.send(List.of(alert(2 * i), alert(2 * i + 1)));
            }
            sender.flush();
            assertThat(idsIn(file))
                    .hasSize(100)
                    .startsWith("alerts-0-0", "alerts-0-1")
                    .endsWith("alerts-0-98", "alerts-0-99");
        }
    }

    /** Opens the alert file as a {@link FaultyChannel} (collected in {@code opened}), other files plainly. */
    private static FileAlertSender.ChannelOpener faultyOpener(Path file, List<FaultyChannel> opened) {
        return (path, options) -> {
            FileChannel real = FileChannel.open(path, options);
            if (!path.equals(file) || List.of(options).contains(StandardOpenOption.READ)) {
                return real;
            }
            FaultyChannel faulty = new FaultyChannel(real);
            opened.add(faulty);
            return faulty;
        };
    }

    private List<String> fileNames() throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    private static List<String> idsIn(Path file) throws Exception {
        return Files.readAllLines(file).stream()
                .map(line -> {
                    try {
                        return JSON.readTree(line).get("id").asText();
                    } catch (Exception e) {
                        throw new AssertionError("Not a JSON line in " + file + ": " + line, e);
                    }
                })
                .toList();
    }

    @Test
    void anUnwritableFileFailsTheFlushNamingIt() throws Exception {
        Path missingDir = dir.resolve("gone/alerts.jsonl");
        try (FileAlertSender sender = new FileAlertSender(missingDir, 0)) {
            sender.send(List.of(alert(0)));
            assertThatThrownBy(sender::flush)
                    .isInstanceOf(DeliveryNotDurableException.class)
                    .hasMessageContaining("gone");
        }
    }
}
