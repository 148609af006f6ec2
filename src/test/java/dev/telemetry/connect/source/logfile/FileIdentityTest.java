package dev.telemetry.connect.source.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIdentityTest {

    @TempDir
    Path dir;

    @Test
    void identityFollowsARenameAndANewFileHasAnother() throws IOException {
        Path file = Files.writeString(dir.resolve("app.log"), "x\n");
        FileIdentity before = FileIdentity.of(file);
        Path rotated = Files.move(file, dir.resolve("app.log.1"));
        assertThat(FileIdentity.of(rotated)).isEqualTo(before);
        Files.writeString(file, "y\n");
        assertThat(FileIdentity.of(file)).isNotEqualTo(before);
    }

    /**
     * The worker keys offsets by the partition's JSON bytes, and the offsets REST API re-serialises a partition it
     * parsed from JSON: the task's partition must give exactly those bytes, in every JVM.
     */
    @Test
    void partitionSerialisesLikeTheSameMapParsedBackFromJson() throws IOException {
        Map<String, Object> partition = new FileIdentity(64769L, 1_234_567L).sourcePartition();
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), true);
        byte[] bytes = converter.fromConnectData("offsets", null, partition);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"dev\":64769,\"ino\":1234567}");
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = new ObjectMapper().readValue(bytes, HashMap.class);
        assertThat(converter.fromConnectData("offsets", null, parsed)).isEqualTo(bytes);
    }

    @Test
    void fingerprintCoversTheFirstBytesAndNoticesARewrite() throws IOException {
        Path file = Files.writeString(dir.resolve("app.log"), "0123456789abcdef and more");
        try (FileChannel channel = FileChannel.open(file)) {
            Fingerprint fingerprint = Fingerprint.of(channel, 16);
            assertThat(fingerprint.length()).isEqualTo(16);
            assertThat(fingerprint.matches(channel)).isTrue();
            assertThat(Fingerprint.of(channel, 1000)).as("the file is shorter").isNull();
        }
        Path other = Files.writeString(dir.resolve("other.log"), "0123456789abcdef different tail");
        Path rewritten = Files.writeString(dir.resolve("rewritten.log"), "X123456789abcdef and more");
        try (FileChannel a = FileChannel.open(file);
                FileChannel b = FileChannel.open(other);
                FileChannel c = FileChannel.open(rewritten)) {
            assertThat(Fingerprint.of(b, 16)).isEqualTo(Fingerprint.of(a, 16));
            assertThat(Fingerprint.of(a, 16).matches(c)).isFalse();
        }
    }

    @Test
    void everyFileBelongsToExactlyOneTask() {
        for (long inode = 1; inode < 2000; inode++) {
            FileIdentity identity = new FileIdentity(2049, inode);
            int owners = 0;
            for (int task = 0; task < 5; task++) {
                owners += identity.ownedBy(task, 5) ? 1 : 0;
            }
            assertThat(owners).isEqualTo(1);
        }
    }
}
