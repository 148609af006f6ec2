package dev.telemetry.connect.source.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.source.LogFileSourceConnector;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * The filters users ask for first (include.lines, exclude.lines, exclude.files, ignore.older.ms) and encoding, on the
 * task against real files, with a clock the test moves and offsets it commits as the worker would.
 */
class LogFileFiltersTest extends LogFileTaskHarness {

    private static final long HOUR_MS = 3_600_000L;

    LogFileFiltersTest() {
        super(System.currentTimeMillis(), Map.of());
    }

    private static void write(Path file, Charset charset, String text) throws IOException {
        Files.writeString(file, text, charset, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static Map<String, List<String>> errors(Map<String, String> config) {
        Map<String, String> full = new HashMap<>(config);
        full.put("connector.class", LogFileSourceConnector.class.getName());
        full.put("name", "logs");
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigValue value : new LogFileSourceConnector().validate(full).configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        return errors;
    }

    @Test
    void includeThenExcludeKeepOnlyTheWantedEventsAndCountTheOthers() throws Exception {
        Path file = dir.resolve("app.log");
        write(
                file,
                StandardCharsets.UTF_8,
                "INFO GET /healthz 200\nERROR payment failed\nWARN slow /healthz\nDEBUG cache miss\nWARN disk 91%\n");
        LogFileSourceTask task = start(config("include.lines", "^ERROR,^WARN", "exclude.lines", "/healthz,^DEBUG"));
        List<SourceRecord> records = drain(task);
        assertThat(messages(records)).containsExactly("ERROR payment failed", "WARN disk 91%");
        assertThat(records)
                .extracting(r -> ((Struct) r.value()).getInt64("line"))
                .as("line numbers stay the file's, filtered lines counted")
                .containsExactly(2L, 5L);
        assertThat(task.filteredEvents()).isEqualTo(3);
    }

    @Test
    void aFilteredEventMovesTheCommittedOffsetSoARestartReadsNothingAgain() throws Exception {
        Path file = dir.resolve("app.log");
        write(file, StandardCharsets.UTF_8, "keep one\ndrop two\ndrop three\n");
        Map<String, String> config = config("exclude.lines", "^drop");
        List<SourceRecord> first = drain(start(config));
        assertThat(messages(first)).containsExactly("keep one");
        assertThat(first.get(0).sourceOffset().get("position")).isEqualTo(Files.size(file));
        assertThat(((Struct) first.get(0).value()).getInt64("offset")).isZero();
        tasks.remove(0).stop();

        write(file, StandardCharsets.UTF_8, "keep four\n");
        LogFileSourceTask restarted = start(config);
        assertThat(messages(drain(restarted))).containsExactly("keep four");
        assertThat(restarted.filteredEvents())
                .as("nothing read again after the restart")
                .isZero();
    }

    @Test
    void filtersApplyToWholeMultilineEvents() throws Exception {
        Path file = dir.resolve("app.log");
        write(file, StandardCharsets.UTF_8, "ERROR boom\n\tat a.B.c(B.java:1)\nINFO fine\n\tat not.an.Error\nINFO x\n");
        LogFileSourceTask task =
                start(config("multiline.pattern", "^\\s", "multiline.timeout.ms", "100", "include.lines", "B\\.java"));
        assertThat(messages(drain(task))).containsExactly("ERROR boom\n\tat a.B.c(B.java:1)");
        assertThat(task.filteredEvents()).isEqualTo(2);
    }

    @Test
    void excludedFilesAreNeverOpened() throws Exception {
        write(dir.resolve("app.log"), StandardCharsets.UTF_8, "read\n");
        write(dir.resolve("debug.log"), StandardCharsets.UTF_8, "by name\n");
        write(dir.resolve("audit.log"), StandardCharsets.UTF_8, "by path\n");
        LogFileSourceTask task = start(config("exclude.files", "debug*.log," + dir + "/audit.*"));
        assertThat(messages(drain(task))).containsExactly("read");
        assertThat(task.trackedFiles()).containsOnlyKeys(dir.resolve("app.log"));
    }

    @Test
    void ignoreOlderSkipsOldFilesUntilTheyAreWrittenToAndThenReadsOnlyWhatIsNew() throws Exception {
        Path old = dir.resolve("old.log");
        Path fresh = dir.resolve("fresh.log");
        write(old, StandardCharsets.UTF_8, "from last year\n");
        write(fresh, StandardCharsets.UTF_8, "from today\n");
        Files.setLastModifiedTime(old, FileTime.fromMillis(clock.get() - 48 * HOUR_MS));
        Files.setLastModifiedTime(fresh, FileTime.fromMillis(clock.get() - HOUR_MS));
        LogFileSourceTask task = start(config("ignore.older.ms", String.valueOf(24 * HOUR_MS)));
        assertThat(messages(drain(task))).containsExactly("from today");
        assertThat(task.trackedFiles()).containsOnlyKeys(fresh);

        write(old, StandardCharsets.UTF_8, "written again\n");
        Files.setLastModifiedTime(old, FileTime.fromMillis(clock.get()));
        assertThat(messages(drain(task))).containsExactly("written again");
    }

    @Test
    void ignoreOlderLeavesAFileAlreadyReadAtItsOffset() throws Exception {
        Path file = dir.resolve("app.log");
        write(file, StandardCharsets.UTF_8, "one\n");
        LogFileSourceTask task = start(config("ignore.older.ms", String.valueOf(HOUR_MS)));
        assertThat(messages(drain(task))).containsExactly("one");
        clock.addAndGet(2 * HOUR_MS);
        write(file, StandardCharsets.UTF_8, "two\n");
        assertThat(messages(drain(task))).containsExactly("two");
    }

    @Test
    void utf16AndLatin1FilesAreDecodedAndOffsetsStayBytePositions() throws Exception {
        String text = "première ligne\r\nzweite Zeile ü\n";
        for (Charset charset :
                List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, StandardCharsets.ISO_8859_1)) {
            Path file = dir.resolve(charset.name() + ".log");
            write(file, charset, text);
            LogFileSourceTask task = start(config("files", file.toString(), "encoding", charset.name()));
            List<SourceRecord> records = drain(task);
            assertThat(messages(records)).as(charset.name()).containsExactly("première ligne", "zweite Zeile ü");
            assertThat(((Struct) records.get(1).value()).getInt64("offset"))
                    .isEqualTo("première ligne\r\n".getBytes(charset).length);
            assertThat(records.get(1).sourceOffset().get("position")).isEqualTo(Files.size(file));
        }
    }

    @Test
    void aUtf16NewlineIsAWholeUnitAndAnOverlongLineIsCutAtACharacter() throws Exception {
        Path file = dir.resolve("app.log");
        write(file, StandardCharsets.UTF_16LE, "ab\u0a0a\ud83d\ude00cd\n" + "x".repeat(100) + "\u00e9\n");
        LogFileSourceTask task =
                start(config("encoding", "UTF-16LE", "read.buffer.bytes", "1024", "max.event.bytes", "64"));
        List<String> messages = messages(drain(task));
        assertThat(messages.get(0)).isEqualTo("ab\u0a0a\ud83d\ude00cd");
        assertThat(messages.get(1)).isEqualTo("x".repeat(32));
    }

    @Test
    void wrongFiltersAndEncodingsAreRefusedNamingTheKey() {
        assertThat(errors(config("include.lines", "^ERROR,(unclosed")).get("include.lines"))
                .singleElement()
                .asString()
                .contains("include.lines");
        assertThat(errors(config("exclude.lines", "[")).get("exclude.lines"))
                .singleElement()
                .asString()
                .contains("exclude.lines");
        assertThat(errors(config("exclude.files", "*.{gz")).get("exclude.files"))
                .singleElement()
                .asString()
                .contains("exclude.files")
                .contains("malformed");
        assertThat(errors(config("encoding", "no-such-charset")).get("encoding"))
                .singleElement()
                .asString()
                .contains("encoding")
                .contains("Unknown character set");
        assertThat(errors(config("encoding", "UTF-32")).get("encoding"))
                .singleElement()
                .asString()
                .contains("0x0A");
        assertThat(errors(config("ignore.older.ms", "-1")).get("ignore.older.ms"))
                .singleElement()
                .asString()
                .contains("ignore.older.ms");
        assertThat(errors(config("container.format", "podman")).get("container.format"))
                .singleElement()
                .asString()
                .contains("container.format");
        assertThat(errors(config("encoding", "ISO-8859-1", "include.lines", "a,b", "exclude.files", "*.gz")))
                .isEmpty();
    }
}
