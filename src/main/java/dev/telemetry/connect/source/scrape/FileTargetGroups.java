package dev.telemetry.connect.source.scrape;

import dev.telemetry.connect.common.access.PathAllowList;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A Prometheus {@code file_sd} file, polled: its identity, size and modification time are compared with the last
 * read's, and only when one changed is it read and its content hash compared, so an unchanged file costs one
 * {@code stat}, and a file rewritten with the same content (a configuration tool's periodic write) changes nothing. A
 * file replaced by a rename, as tools and Kubernetes ConfigMap volumes write them, is seen by its new identity. A
 * missing file gives no targets, as in Prometheus; a file that cannot be read or parsed fails until it changes.
 */
final class FileTargetGroups implements TargetGroupSource {

    private final Path path;
    private final TargetGroup.Syntax syntax;
    private final long refreshIntervalMs;
    private final PathAllowList readPaths;

    /** The identity, size and time of the file last read; null before the first read and while it is missing. */
    private List<Object> signature;

    private byte[] contentHash;
    private List<TargetGroup> groups = List.of();
    private String failure;

    FileTargetGroups(Path path, long refreshIntervalMs, PathAllowList readPaths) {
        this.path = path;
        this.syntax = TargetGroup.Syntax.ofFileName(path.getFileName().toString());
        this.refreshIntervalMs = refreshIntervalMs;
        this.readPaths = readPaths;
    }

    @Override
    public List<TargetGroup> read() throws DiscoveryFailedException {
        // Checked at each read: a link in the path can come to point elsewhere.
        Optional<String> refusal = readPaths.refusal(path);
        if (refusal.isPresent()) {
            throw new DiscoveryFailedException("cannot read " + path + ": " + refusal.get());
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException missing) {
            signature = null;
            contentHash = null;
            failure = null;
            groups = List.of();
            return groups;
        } catch (IOException e) {
            throw new DiscoveryFailedException("cannot read " + path + ": " + e);
        }
        List<Object> current = Arrays.asList(
                attributes.fileKey(), attributes.size(), attributes.lastModifiedTime(), attributes.isRegularFile());
        if (!current.equals(signature)) {
            signature = current;
            reread(attributes);
        }
        if (failure != null) {
            throw new DiscoveryFailedException(failure);
        }
        return groups;
    }

    private void reread(BasicFileAttributes attributes) {
        if (!attributes.isRegularFile()) {
            // A FIFO or device would block or never end.
            failure = path + " is not a regular file";
            return;
        }
        byte[] content;
        try (InputStream in = Files.newInputStream(path)) {
            content = in.readNBytes(ServiceDiscoveryKeys.MAX_LIST_BYTES + 1);
        } catch (IOException e) {
            failure = "cannot read " + path + ": " + e;
            return;
        }
        if (content.length > ServiceDiscoveryKeys.MAX_LIST_BYTES) {
            failure = path + " is larger than " + ServiceDiscoveryKeys.MAX_LIST_BYTES + " bytes";
            return;
        }
        byte[] hash = sha256(content);
        if (failure == null && Arrays.equals(hash, contentHash)) {
            return;
        }
        contentHash = hash;
        try {
            groups = TargetGroup.parse(content, syntax);
            failure = null;
        } catch (IllegalArgumentException e) {
            failure = path + " is not a file_sd list: " + e.getMessage();
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    @Override
    public String description() {
        return "file_sd " + path;
    }

    @Override
    public long refreshIntervalMs() {
        return refreshIntervalMs;
    }
}
