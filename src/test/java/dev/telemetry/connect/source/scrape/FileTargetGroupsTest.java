package dev.telemetry.connect.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.common.access.OperatorPolicy;
import dev.telemetry.connect.testkit.OperatorSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file_sd file polled for changes: read again only when it changed, a broken write keeping nothing of it. */
class FileTargetGroupsTest {

    @TempDir
    Path dir;

    @Test
    void aChangedFileIsReadAgainAndAnUnchangedOneIsNot() throws Exception {
        Path file = dir.resolve("targets.json");
        Files.write(file, TargetGroupTest.resource("targets.json"));
        FileTargetGroups groups = groups(file);

        List<TargetGroup> first = groups.read();
        assertThat(first).hasSize(3);
        assertThat(groups.read()).as("unchanged: the same list, not read again").isSameAs(first);

        write(file, "[{\"targets\": [\"127.0.0.1:9100\"], \"labels\": {\"job\": \"node\"}}]");
        assertThat(groups.read()).containsExactly(new TargetGroup(List.of("127.0.0.1:9100"), Map.of("job", "node")));
    }

    @Test
    void aFileReplacedByARenameIsSeenByItsNewIdentity() throws Exception {
        Path file = dir.resolve("targets.yml");
        Files.write(file, TargetGroupTest.resource("targets.yml"));
        FileTargetGroups groups = groups(file);
        assertThat(groups.read()).hasSize(3);

        Path next = dir.resolve("targets.yml.tmp");
        Files.writeString(next, "- targets: ['127.0.0.1:9101']\n");
        // Same size class and the same modification time as the old file: only the identity tells them apart.
        Files.setLastModifiedTime(next, Files.getLastModifiedTime(file));
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        assertThat(groups.read()).containsExactly(new TargetGroup(List.of("127.0.0.1:9101"), Map.of()));
    }

    @Test
    void aBrokenWriteFailsUntilTheFileIsFixedAndAMissingFileHasNoTargets() throws Exception {
        Path file = dir.resolve("targets.json");
        write(file, "[{\"targets\": [\"127.0.0.1:9100\"]}]");
        FileTargetGroups groups = groups(file);
        assertThat(groups.read()).hasSize(1);

        write(file, "[{\"targets\": [\"127.0.0.1:9100\"]");
        assertThatThrownBy(groups::read)
                .isInstanceOf(TargetGroupSource.DiscoveryFailedException.class)
                .hasMessageContaining("is not a file_sd list: not JSON");
        assertThatThrownBy(groups::read).as("still broken").hasMessageContaining("not JSON");

        write(file, "[{\"targets\": [\"127.0.0.1:9100\", \"127.0.0.1:9101\"]}]");
        assertThat(groups.read().get(0).targets()).hasSize(2);

        Files.delete(file);
        assertThat(groups.read()).isEmpty();
    }

    @Test
    void aFileTheOperatorDoesNotAllowIsNeverRead() throws Exception {
        Path file = dir.resolve("targets.json");
        write(file, "[]");
        Path allowed = Files.createDirectories(dir.resolve("allowed"));
        try (OperatorSettings ignored = OperatorSettings.set(OperatorPolicy.READ_PATHS_PROPERTY, allowed.toString())) {
            FileTargetGroups groups = groups(file);
            assertThatThrownBy(groups::read)
                    .isInstanceOf(TargetGroupSource.DiscoveryFailedException.class)
                    .hasMessageContaining(OperatorPolicy.READ_PATHS_PROPERTY);
        }
    }

    @Test
    void aDirectoryInPlaceOfTheFileIsAFailure() throws Exception {
        Path file = Files.createDirectories(dir.resolve("targets.json"));
        assertThatThrownBy(groups(file)::read).hasMessageContaining("is not a regular file");
    }

    private static FileTargetGroups groups(Path file) {
        return new FileTargetGroups(file, 1000, OperatorPolicy.ofWorker().readPaths());
    }

    /** Writes and moves the modification time on, as a later write would on a coarse clock. */
    private static void write(Path file, String text) throws Exception {
        FileTime before = Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.fromMillis(0);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 1000));
    }
}
