package dev.telemetry.connect.source.logfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * container.format on lines as containerd, CRI-O and Docker's json-file driver write them (the samples follow the
 * CRI logging proposal and Docker's documentation, with a containerd partial-line split), read through a real file.
 */
class ContainerLogTest {

    /** containerd: a JSON line from a Go service, then a 40-character line split into P pieces on stderr. */
    private static final String CRI_SAMPLE = """
            2026-12-07T10:15:30.123456789Z stdout F {"level":"info","ts":"2026-12-07T10:15:30.120Z","msg":"listening","port":8080}
            2026-12-07T10:15:31.000000001Z stderr P panic: runtime error: index out of\s
            2026-12-07T10:15:31.000000002Z stderr P range [5] with\s
            2026-12-07T10:15:31.000000003Z stderr F length 3
            2016-10-06T00:17:09.669794202Z stdout F log content 1
            2016-10-06T00:17:09.669794203Z stderr F
            """;

    /** Docker json-file: a line split at 16 KiB (here a shorter piece without its newline), and a full one. */
    private static final String DOCKER_SAMPLE = """
            {"log":"first piece of a long line, ","stream":"stdout","time":"2019-01-01T11:11:11.111111111Z"}
            {"log":"and its end\\n","stream":"stdout","time":"2019-01-01T11:11:11.111111112Z"}
            {"log":"Log line is here\\r\\n","stream":"stderr","time":"2019-01-01T11:11:12.000000000Z","attrs":{"tag":"x"}}
            """;

    @TempDir
    Path dir;

    private final List<TailedFile> opened = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (TailedFile tailed : opened) {
            tailed.close();
        }
    }

    private TailedFile open(Path file, ContainerFormat format, MultilineRule multiline) throws IOException {
        TailedFile tailed = new TailedFile(
                FileIdentity.of(file),
                file,
                FileChannel.open(file, StandardOpenOption.READ),
                0,
                0,
                1 << 20,
                16,
                multiline,
                format,
                LineCodec.UTF_8,
                0);
        opened.add(tailed);
        return tailed;
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<LogEvent> readAll(TailedFile tailed, int bufferBytes) throws IOException {
        List<LogEvent> events = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(bufferBytes);
        while (tailed.read(buffer, 0, Integer.MAX_VALUE, events::add) > 0) {
            // every line the file holds
        }
        return events;
    }

    @Test
    void criPiecesAreJoinedIntoOneEventWhateverTheReadBufferSize() throws IOException {
        Path file = dir.resolve("0.log");
        append(file, CRI_SAMPLE);
        for (int bufferBytes : new int[] {7, 64, 1 << 16}) {
            List<LogEvent> events = readAll(open(file, ContainerFormat.CRI, null), bufferBytes);
            assertThat(events)
                    .extracting(LogEvent::text)
                    .containsExactly(
                            "{\"level\":\"info\",\"ts\":\"2026-12-07T10:15:30.120Z\",\"msg\":\"listening\",\"port\":8080}",
                            "panic: runtime error: index out of range [5] with length 3",
                            "log content 1",
                            "");
            assertThat(events)
                    .extracting(e -> e.container().stream(), e -> e.container().time())
                    .containsExactly(
                            tuple("stdout", "2026-12-07T10:15:30.123456789Z"),
                            tuple("stderr", "2026-12-07T10:15:31.000000001Z"),
                            tuple("stdout", "2016-10-06T00:17:09.669794202Z"),
                            tuple("stderr", "2016-10-06T00:17:09.669794203Z"));
            LogEvent joined = events.get(1);
            String lines = CRI_SAMPLE;
            int firstPiece = lines.indexOf("2026-12-07T10:15:31.000000001Z");
            int afterLast = lines.indexOf('\n', lines.indexOf("length 3")) + 1;
            assertThat(joined.startOffset()).isEqualTo(firstPiece);
            assertThat(joined.endOffset()).isEqualTo(afterLast);
            assertThat(joined.firstLine()).isEqualTo(2);
            assertThat(joined.lastLine()).isEqualTo(4);
        }
    }

    @Test
    void aPieceWaitingForItsEndKeepsTheFileUndrainedUntilTheRestComesOrThePartialLineTimeout() throws IOException {
        Path file = dir.resolve("0.log");
        append(file, "2026-12-07T10:15:31.000000001Z stdout P first half, \n");
        TailedFile tailed = open(file, ContainerFormat.CRI, null);
        List<LogEvent> events = readAll(tailed, 64);
        assertThat(events).isEmpty();
        assertThat(tailed.drained()).isFalse();
        tailed.flushIdle(999, 1000, events::add);
        assertThat(events).isEmpty();
        append(file, "2026-12-07T10:15:31.000000002Z stdout F second half\n");
        events.addAll(readAll(tailed, 64));
        assertThat(events).extracting(LogEvent::text).containsExactly("first half, second half");
        assertThat(tailed.drained()).isTrue();

        append(file, "2026-12-07T10:15:32.000000001Z stdout P the runtime stopped here\n");
        events.addAll(readAll(tailed, 64));
        tailed.flushIdle(1000, 1000, events::add);
        assertThat(events).extracting(LogEvent::text).endsWith("the runtime stopped here");
        assertThat(events.get(1).endOffset()).isEqualTo(Files.size(file));
        assertThat(tailed.drained()).isTrue();
    }

    @Test
    void piecesWrittenAfterTheFileWasRenamedAreJoinedThroughTheOpenHandle() throws IOException {
        Path file = dir.resolve("0.log");
        append(file, "2026-12-07T10:15:31.000000001Z stdout P written before the rotation, \n");
        TailedFile tailed = open(file, ContainerFormat.CRI, null);
        assertThat(readAll(tailed, 16)).isEmpty();
        Path rotated = dir.resolve("0.log.20261207-101531");
        Files.move(file, rotated);
        // The runtime writes the rest of its line to the handle it has, then reopens 0.log.
        append(rotated, "2026-12-07T10:15:31.000000002Z stdout F and after it\n");
        append(file, "2026-12-07T10:15:32.000000001Z stdout F first line of the new file\n");
        List<LogEvent> events = readAll(tailed, 16);
        assertThat(events).extracting(LogEvent::text).containsExactly("written before the rotation, and after it");
        assertThat(events.get(0).endOffset()).isEqualTo(Files.size(rotated));
        assertThat(readAll(open(file, ContainerFormat.CRI, null), 16))
                .extracting(LogEvent::text)
                .containsExactly("first line of the new file");
    }

    @Test
    void aPieceFollowedByTheOtherStreamEndsItsEvent() throws IOException {
        Path file = dir.resolve("0.log");
        append(file, """
                2026-12-07T10:15:31.000000001Z stdout P out piece
                2026-12-07T10:15:31.000000002Z stderr F err line
                """);
        assertThat(readAll(open(file, ContainerFormat.CRI, null), 64))
                .extracting(LogEvent::text, e -> e.container().stream())
                .containsExactly(tuple("out piece", "stdout"), tuple("err line", "stderr"));
    }

    @Test
    void dockerPiecesAreJoinedAndTheNewlineIsTakenOff() throws IOException {
        Path file = dir.resolve("app-json.log");
        append(file, DOCKER_SAMPLE);
        List<LogEvent> events = readAll(open(file, ContainerFormat.DOCKER, null), 32);
        assertThat(events)
                .extracting(
                        LogEvent::text,
                        e -> e.container().stream(),
                        e -> e.container().time())
                .containsExactly(
                        tuple("first piece of a long line, and its end", "stdout", "2019-01-01T11:11:11.111111111Z"),
                        tuple("Log line is here", "stderr", "2019-01-01T11:11:12.000000000Z"));
        assertThat(events.get(0).lastLine()).isEqualTo(2);
    }

    @Test
    void autoTellsDockerFromCriLineByLine() throws IOException {
        Path file = dir.resolve("0.log");
        append(file, DOCKER_SAMPLE + CRI_SAMPLE);
        assertThat(readAll(open(file, ContainerFormat.AUTO, null), 1 << 16))
                .extracting(LogEvent::text)
                .contains("first piece of a long line, and its end", "log content 1");
    }

    @Test
    void aLineWithoutItsWrapperIsKeptWholeWithWhy() throws IOException {
        Path file = dir.resolve("0.log");
        append(file, """
                not a cri line
                2026-12-07T10:15:31.000000001Z stdin F wrong stream
                2026-12-07T10:15:31.000000001Z stdout X wrong tag
                """);
        List<LogEvent> events = readAll(open(file, ContainerFormat.CRI, null), 64);
        assertThat(events)
                .extracting(LogEvent::text)
                .containsExactly(
                        "not a cri line",
                        "2026-12-07T10:15:31.000000001Z stdin F wrong stream",
                        "2026-12-07T10:15:31.000000001Z stdout X wrong tag");
        assertThat(events).extracting(e -> e.container().error()).allMatch(error -> error.startsWith("not a CRI"));
        Path docker = dir.resolve("docker.log");
        append(docker, "{\"stream\":\"stdout\"}\n{broken\n");
        assertThat(readAll(open(docker, ContainerFormat.DOCKER, null), 64))
                .extracting(e -> e.container().error())
                .allMatch(error -> error.startsWith("not a Docker json-file line"));
    }

    @Test
    void multilineGroupsTheUnwrappedLines() throws IOException {
        Path file = dir.resolve("0.log");
        append(file, """
                2026-12-07T10:15:31.000000001Z stderr F Exception in thread "main" java.lang.IllegalStateException: boom
                2026-12-07T10:15:31.000000002Z stderr F \tat com.example.Main.run(Main.java:12)
                2026-12-07T10:15:31.000000003Z stderr F \tat com.example.Main.main(Main.java:5)
                2026-12-07T10:15:32.000000001Z stdout F next event
                """);
        TailedFile tailed =
                open(file, ContainerFormat.CRI, new MultilineRule(Pattern.compile("^\\s"), false, false, 100, 1000));
        List<LogEvent> events = readAll(tailed, 64);
        assertThat(events)
                .extracting(LogEvent::text)
                .containsExactly("Exception in thread \"main\" java.lang.IllegalStateException: boom\n"
                        + "\tat com.example.Main.run(Main.java:12)\n\tat com.example.Main.main(Main.java:5)");
        assertThat(events.get(0).container().stream()).isEqualTo("stderr");
    }

    @Test
    void theRecordCarriesTheStreamThePodAndTheRuntimesTimeWhenTheMessageHasNone() {
        LogRecordFactory factory = new LogRecordFactory(
                "application_logs",
                EventParser.of(LogFormat.JSON, null, null),
                TimestampParser.forFormat("", ZoneOffset.UTC),
                "INFO",
                "",
                true);
        Path file = Path.of(
                "/var/log/pods/shop_checkout-7d9f8b6c5-x2x8k_4c1f2a3e-1111-2222-3333-444455556666/" + "checkout/0.log");
        ContainerOrigin stderr = new ContainerOrigin("stderr", "2026-12-07T10:15:31.000000001Z", null);
        Struct withTime = factory.value(
                new LogEvent(
                        "{\"level\":\"error\",\"ts\":\"2026-12-07T10:15:30.120Z\",\"msg\":\"payment failed\"}",
                        0,
                        10,
                        1,
                        1,
                        false,
                        stderr),
                file,
                0);
        assertThat(withTime.getString("level")).isEqualTo("ERROR");
        assertThat(withTime.getString("message")).isEqualTo("payment failed");
        assertThat(((Date) withTime.get("timestamp")).toInstant()).isEqualTo(Instant.parse("2026-12-07T10:15:30.120Z"));
        assertThat(withTime.getString("service")).isEqualTo("checkout");
        assertThat(withTime.<String, String>getMap("fields"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "stream", "stderr",
                        "kubernetes.namespace", "shop",
                        "kubernetes.pod.name", "checkout-7d9f8b6c5-x2x8k",
                        "kubernetes.pod.uid", "4c1f2a3e-1111-2222-3333-444455556666",
                        "kubernetes.container.name", "checkout",
                        "kubernetes.container.restart_count", "0"));
        withTime.validate();

        Struct withoutTime = factory.value(new LogEvent("{\"msg\":\"no time\"}", 0, 10, 1, 1, false, stderr), file, 0);
        assertThat(((Date) withoutTime.get("timestamp")).toInstant())
                .isEqualTo(Instant.parse("2026-12-07T10:15:31.000Z"));

        Struct unwrapped = factory.value(
                new LogEvent("garbage", 0, 10, 1, 1, false, ContainerOrigin.invalid("not a CRI log line")), file, 5);
        assertThat(unwrapped.getString("message")).isEqualTo("garbage");
        assertThat(unwrapped.getString("parse_error")).isEqualTo("not a CRI log line");
        assertThat(((Date) unwrapped.get("timestamp")).getTime()).isEqualTo(5);
    }

    @Test
    void kubernetesPathsNameThePodAndContainer() {
        assertThat(KubernetesLogPath.fieldsOf(Path.of("/var/log/containers/"
                        + "coredns-5dd5756b68-9xk2p_kube-system_coredns-"
                        + "0f3c7b0f5e2d4b1a9c8e7d6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b.log")))
                .containsExactly(
                        Map.entry("kubernetes.namespace", "kube-system"),
                        Map.entry("kubernetes.pod.name", "coredns-5dd5756b68-9xk2p"),
                        Map.entry("kubernetes.container.name", "coredns"),
                        Map.entry("container.id", "0f3c7b0f5e2d4b1a9c8e7d6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b"));
        assertThat(
                        KubernetesLogPath.fieldsOf(
                                Path.of(
                                        "/var/log/pods/default_web-0_0a1b2c3d-0000-4000-8000-000000000001/nginx/2.log.20261207-101531")))
                .containsEntry("kubernetes.pod.name", "web-0")
                .containsEntry("kubernetes.container.name", "nginx")
                .containsEntry("kubernetes.container.restart_count", "2");
        assertThat(KubernetesLogPath.fieldsOf(Path.of("/var/log/app/app.log"))).isEmpty();
        assertThat(KubernetesLogPath.fieldsOf(Path.of("/var/log/pods/not-a-pod-dir/nginx/0.log")))
                .isEmpty();
    }
}
