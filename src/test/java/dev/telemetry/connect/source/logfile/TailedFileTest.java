package dev.telemetry.connect.source.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TailedFileTest {

    private Path dir;
    private Path file;
    private final List<TailedFile> opened = new ArrayList<>();

    @BeforeEach
    void createDirectory() throws IOException {
        dir = Files.createTempDirectory("tailed-file");
        file = dir.resolve("app.log");
        Files.createFile(file);
    }

    @AfterEach
    void deleteDirectory() throws IOException {
        for (TailedFile tailed : opened) {
            tailed.close();
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    private TailedFile open(long position, int maxEventBytes, MultilineRule multiline) throws IOException {
        TailedFile tailed = new TailedFile(
                FileIdentity.of(file),
                file,
                FileChannel.open(file, StandardOpenOption.READ),
                position,
                0,
                maxEventBytes,
                16,
                multiline,
                0);
        opened.add(tailed);
        return tailed;
    }

    private void append(String text) throws IOException {
        append(text.getBytes(StandardCharsets.UTF_8));
    }

    private void append(byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    private static List<LogEvent> readAll(TailedFile tailed, int bufferBytes, long now) throws IOException {
        List<LogEvent> events = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(bufferBytes);
        while (tailed.read(buffer, now, Integer.MAX_VALUE, events::add) > 0) {
            // keep reading to the end
        }
        return events;
    }

    @Test
    void aReadCompletesAtMostMaxLinesAndTheNextGoesOnFromThere() throws IOException {
        append("\n\n\none\ntwo\npartial");
        TailedFile tailed = open(0, 1024, null);
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        List<LogEvent> events = new ArrayList<>();
        assertThat(tailed.read(buffer, 0, 2, events::add)).isEqualTo(2);
        assertThat(events).extracting(LogEvent::text).containsExactly("", "");
        assertThat(tailed.readPosition()).isEqualTo(2);
        assertThat(tailed.read(buffer, 0, 2, events::add)).isEqualTo("\none\n".length());
        assertThat(tailed.read(buffer, 0, 2, events::add)).isEqualTo("two\npartial".length());
        assertThat(events).extracting(LogEvent::text).containsExactly("", "", "", "one", "two");
        assertThat(events.get(4).endOffset()).isEqualTo("\n\n\none\ntwo\n".length());
    }

    @Test
    void splitsLinesOnNewlineDropsCarriageReturnAndReplacesMalformedBytes() throws IOException {
        append("one\r\ntwo\n\nthree");
        append(new byte[] {'b', 'a', 'd', (byte) 0xC3, '\n'});
        TailedFile tailed = open(0, 1024, null);
        List<LogEvent> events = readAll(tailed, 4, 0);
        assertThat(events).extracting(LogEvent::text).containsExactly("one", "two", "", "threebad\uFFFD");
        assertThat(events).extracting(LogEvent::lastLine).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events.get(1).startOffset()).isEqualTo(5);
        assertThat(events.get(3).endOffset()).isEqualTo(Files.size(file));
    }

    @Test
    void partialLastLineWaitsForItsNewlineOrTheIdleTimeout() throws IOException {
        append("complete\npart");
        TailedFile tailed = open(0, 1024, null);
        List<LogEvent> events = readAll(tailed, 64, 0);
        assertThat(events).extracting(LogEvent::text).containsExactly("complete");
        tailed.flushIdle(500, 1000, events::add);
        assertThat(events).hasSize(1);
        append("ial\nnext");
        events.addAll(readAll(tailed, 64, 600));
        assertThat(events).extracting(LogEvent::text).containsExactly("complete", "partial");
        tailed.flushIdle(1599, 1000, events::add);
        assertThat(events).hasSize(2);
        tailed.flushIdle(1600, 1000, events::add);
        assertThat(events).extracting(LogEvent::text).containsExactly("complete", "partial", "next");
        assertThat(events.get(2).endOffset()).isEqualTo(Files.size(file));
        assertThat(tailed.drained()).isTrue();
    }

    @Test
    void overlongLinesAreCutAtMaxEventBytesAndFlagged() throws IOException {
        String longLine = "x".repeat(10_000);
        append("short\n" + longLine + "\n" + "é".repeat(40) + "\nafter\n");
        TailedFile tailed = open(0, 64, null);
        for (int bufferBytes : new int[] {7, 100_000}) {
            List<LogEvent> events = readAll(bufferBytes == 7 ? tailed : open(0, 64, null), bufferBytes, 0);
            assertThat(events)
                    .extracting(LogEvent::text)
                    .containsExactly("short", "x".repeat(64), "é".repeat(32), "after");
            assertThat(events).extracting(LogEvent::truncated).containsExactly(false, true, true, false);
            assertThat(events.get(3).startOffset()).isEqualTo(6 + 10_001 + 81);
        }
    }

    @Test
    void copytruncateIsDetectedAndTheFileIsReadAgainFromZero() throws IOException {
        append("line 1 of the old content\nline 2 of the old content\n");
        TailedFile tailed = open(0, 1024, null);
        assertThat(readAll(tailed, 64, 0)).hasSize(2);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        append("new 1\n");
        assertThat(readAll(tailed, 64, 0))
                .extracting(LogEvent::text, LogEvent::startOffset)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("new 1", 0L));
    }

    @Test
    void fileRewrittenLongerThanTheOffsetIsNoticedByItsFirstBytes() throws IOException {
        append("aaaaaaaaaaaaaaaaaaaa first\n");
        TailedFile tailed = open(0, 1024, null);
        assertThat(readAll(tailed, 64, 0)).hasSize(1);
        Files.writeString(file, "bbbbbbbbbbbbbbbbbbbb other content, longer than before\nsecond\n");
        assertThat(readAll(tailed, 64, 0))
                .extracting(LogEvent::text)
                .containsExactly("bbbbbbbbbbbbbbbbbbbb other content, longer than before", "second");
    }

    @Test
    void offsetCarriesPositionLineFingerprintAndPath() throws IOException {
        append("0123456789abcdef-first\nsecond\n");
        TailedFile tailed = open(0, 1024, null);
        List<LogEvent> events = readAll(tailed, 64, 0);
        var offset = tailed.offsetAfter(events.get(1));
        assertThat(offset)
                .containsEntry("position", Files.size(file))
                .containsEntry("line", 2L)
                .containsEntry("fingerprint.bytes", 16L)
                .containsEntry("path", file.toString());
        try (FileChannel channel = FileChannel.open(file)) {
            assertThat(offset.get("fingerprint"))
                    .isEqualTo(Fingerprint.of(channel, 16).hash());
        }
    }

    @Test
    void multilineEventsEndAfterTheirLastLine() throws IOException {
        append("ERROR boom\n\tat a\n\tat b\nINFO next\n");
        TailedFile tailed = open(0, 1024, new MultilineRule(Pattern.compile("^\\s"), false, false, 100, 1000));
        List<LogEvent> events = readAll(tailed, 5, 0);
        assertThat(events).extracting(LogEvent::text).containsExactly("ERROR boom\n\tat a\n\tat b");
        assertThat(events.get(0).endOffset()).isEqualTo("ERROR boom\n\tat a\n\tat b\n".length());
        assertThat(tailed.drained()).isFalse();
        tailed.flushIdle(1000, 0, events::add);
        assertThat(events).extracting(LogEvent::text).containsExactly("ERROR boom\n\tat a\n\tat b", "INFO next");
    }

    /**
     * Whatever the sizes of the writes and of the read buffer, every line comes out once, whole and in order, and a
     * reader resumed at the offset of any event reads exactly the lines after it.
     */
    @Property(tries = 60)
    void linesSurviveAnyChunkingAndResumeExactlyAfterAnyEvent(
            @ForAll("lines") @Size(min = 1, max = 40) List<String> lines,
            @ForAll @IntRange(min = 1, max = 50) int bufferBytes,
            @ForAll @IntRange(min = 1, max = 30) int writeBytes,
            @ForAll @IntRange(min = 0, max = 39) int resumeAfter)
            throws IOException {
        createDirectory();
        try {
            byte[] all = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
            TailedFile tailed = open(0, 1 << 20, null);
            List<LogEvent> events = new ArrayList<>();
            for (int from = 0; from < all.length; from += writeBytes) {
                append(java.util.Arrays.copyOfRange(all, from, Math.min(all.length, from + writeBytes)));
                events.addAll(readAll(tailed, bufferBytes, 0));
            }
            assertThat(events).extracting(LogEvent::text).containsExactlyElementsOf(lines);
            int resumeIndex = Math.min(resumeAfter, events.size() - 1);
            LogEvent resumeAt = events.get(resumeIndex);
            TailedFile resumed = new TailedFile(
                    FileIdentity.of(file),
                    file,
                    FileChannel.open(file, StandardOpenOption.READ),
                    resumeAt.endOffset(),
                    resumeAt.lastLine(),
                    1 << 20,
                    16,
                    null,
                    0);
            opened.add(resumed);
            List<LogEvent> rest = readAll(resumed, bufferBytes, 0);
            assertThat(rest)
                    .extracting(LogEvent::text)
                    .containsExactlyElementsOf(lines.subList(resumeIndex + 1, lines.size()));
            assertThat(rest).extracting(LogEvent::lastLine).allMatch(n -> n > resumeAt.lastLine());
        } finally {
            deleteDirectory();
        }
    }

    @Provide
    Arbitrary<List<String>> lines() {
        return Arbitraries.strings()
                .withChars("abcé€ \t\r{}=\"")
                .ofMaxLength(30)
                .filter(s -> !s.endsWith("\r"))
                .list();
    }
}
