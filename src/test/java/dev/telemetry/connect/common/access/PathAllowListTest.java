package dev.telemetry.connect.common.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathAllowListTest {

    @TempDir
    Path dir;

    private static PathAllowList allowing(Path... dirs) {
        return new PathAllowList("telemetry.allowed.read.paths", List.of(dirs));
    }

    @Test
    void withoutAListSensitiveRootsAreRefusedAndTheRestAllowed() {
        PathAllowList defaults = allowing();
        assertThat(defaults.refusal(Path.of("/etc/kafka/secrets.properties")))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .contains("/etc/kafka/secrets.properties", "/etc", "telemetry.allowed.read.paths"));
        assertThat(defaults.refusal(Path.of("/proc/1/environ"))).isPresent();
        assertThat(defaults.refusal(Path.of("/sys/kernel/notes"))).isPresent();
        assertThat(defaults.refusal(Path.of("/dev/zero"))).isPresent();
        assertThat(defaults.refusal(Path.of("/root/.ssh/id_rsa"))).isPresent();
        assertThat(defaults.refusal(Path.of("/home/someone/.bash_history"))).isPresent();
        assertThat(defaults.refusal(Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token")))
                .isPresent();
        assertThat(defaults.refusal(dir.resolve("app.log"))).isEmpty();
    }

    @Test
    void dotDotCannotClimbOutOfAnAllowedDirectory() throws IOException {
        PathAllowList list = allowing(dir);
        assertThat(list.refusal(dir.resolve("logs/../../../etc/passwd"))).isPresent();
        assertThat(allowing().refusal(Path.of("/var/log/../../etc/passwd"))).isPresent();
        // The kernel follows the link, then climbs: allowed/link/../secret is secret beside the link's target.
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path secrets = Files.createDirectories(dir.resolve("elsewhere/secrets"));
        Files.writeString(secrets.resolveSibling("shadow"), "root:x");
        Files.createSymbolicLink(logs.resolve("lnk"), secrets);
        assertThat(allowing(logs).refusal(logs.resolve("lnk/../shadow")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("'..'"));
    }

    @Test
    void withAListOnlyItsDirectoriesAreAllowed() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path other = Files.createDirectories(dir.resolve("other"));
        PathAllowList list = allowing(logs);
        assertThat(list.refusal(logs.resolve("app.log"))).isEmpty();
        assertThat(list.refusal(logs.resolve("not/yet/created.log"))).isEmpty();
        assertThat(list.refusal(other.resolve("app.log")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("outside", logs.toString()));
        assertThat(list.refusal(logs.resolveSibling("logs-secret/app.log"))).isPresent();
    }

    @Test
    void aBroadListDoesNotOpenASensitiveRootButANamedOneDoes() {
        assertThat(allowing(Path.of("/")).refusal(Path.of("/etc/hostname"))).isPresent();
        assertThat(allowing(Path.of("/")).refusal(Path.of("/var/log/syslog"))).isEmpty();
        assertThat(allowing(Path.of("/etc/myapp")).refusal(Path.of("/etc/myapp/app.log")))
                .isEmpty();
        assertThat(allowing(Path.of("/etc/myapp")).refusal(Path.of("/etc/passwd")))
                .isPresent();
    }

    @Test
    void symlinksAreResolvedBeforeTheCheck() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("key"), "s3cret");
        Path link = Files.createSymbolicLink(logs.resolve("app.log"), secrets.resolve("key"));
        Path dirLink = Files.createSymbolicLink(logs.resolve("more"), secrets);

        Path realKey = secrets.toRealPath().resolve("key");
        PathAllowList list = allowing(logs);
        assertThat(list.refusal(link))
                .hasValueSatisfying(reason -> assertThat(reason).contains(link.toString(), realKey.toString()));
        assertThat(list.refusal(dirLink.resolve("key"))).isPresent();
        assertThat(allowing().refusal(Files.createSymbolicLink(dir.resolve("passwd"), Path.of("/etc/passwd"))))
                .isPresent();
    }

    @Test
    void anAllowedDirectoryGivenThroughASymlinkMatchesItsRealPath() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), real);
        assertThat(allowing(alias).refusal(real.resolve("app.log"))).isEmpty();
        assertThat(allowing(real).refusal(alias.resolve("app.log"))).isEmpty();
    }

    @Test
    void relativePathsAreRefused() {
        assertThat(allowing().refusal(Path.of("logs/app.log")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("not an absolute path"));
    }
}
