package dev.telemetry.connect.common.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The directories a plugin may read or write files in, as the worker's operator set them. Paths are compared after
 * resolving symlinks, so a link inside an allowed directory cannot lead out of it. With no list set, every path is
 * allowed except those under {@link #SENSITIVE_ROOTS}; with a list, only paths under one of its directories are, and a
 * sensitive root only when the list names it (or a directory inside it) itself: {@code /} does not open {@code /etc}.
 */
public final class PathAllowList {

    /** Never read or written unless an allowed directory lies inside them: kernel, devices, host config, homes. */
    public static final List<Path> SENSITIVE_ROOTS = List.of(
            Path.of("/proc"),
            Path.of("/sys"),
            Path.of("/dev"),
            Path.of("/etc"),
            Path.of("/root"),
            Path.of("/home"),
            Path.of("/var/run/secrets"),
            Path.of("/run/secrets"));

    /** The sensitive roots with their own links resolved, once. */
    private static final List<Path> SENSITIVE_REAL_ROOTS =
            SENSITIVE_ROOTS.stream().map(PathAllowList::resolved).toList();

    private final String setting;
    private final List<Path> allowed;

    /**
     * @param setting how the operator sets this list, named in refusals
     * @param allowed the allowed directories, absolute; empty when the operator set none
     */
    PathAllowList(String setting, List<Path> allowed) {
        this.setting = setting;
        this.allowed = allowed.stream().map(PathAllowList::resolved).toList();
    }

    /** Whether the operator set a list, rather than relying on the default. */
    public boolean configured() {
        return !allowed.isEmpty();
    }

    public List<Path> directories() {
        return allowed;
    }

    /**
     * Why {@code path} may not be used, or empty when it may. Resolves symlinks of the path's existing part. A path
     * with a {@code ..} segment is refused: the kernel applies it after following the link before it
     * ({@code allowed/link/../x} is {@code x} beside the link's target), which no check by text can follow.
     */
    public Optional<String> refusal(Path path) {
        if (!path.isAbsolute()) {
            return Optional.of(path + " is not an absolute path");
        }
        for (Path segment : path) {
            if (segment.toString().equals("..")) {
                return Optional.of(path + " has a '..' segment; write the path without it");
            }
        }
        Path real = resolved(path);
        Path sensitive = SENSITIVE_REAL_ROOTS.stream()
                .filter(real::startsWith)
                .findFirst()
                .orElse(null);
        if (!configured()) {
            return sensitive == null
                    ? Optional.empty()
                    : Optional.of(describe(path, real) + " is under " + sensitive + ", which is never used unless the"
                            + " worker's operator allows it in " + setting);
        }
        boolean inside = allowed.stream()
                .anyMatch(dir -> real.startsWith(dir) && (sensitive == null || dir.startsWith(sensitive)));
        return inside
                ? Optional.empty()
                : Optional.of(describe(path, real) + " is outside the directories the worker's operator allows in "
                        + setting + " " + allowed);
    }

    private static String describe(Path path, Path real) {
        return real.equals(path.normalize()) ? path.toString() : path + " (" + real + ")";
    }

    /**
     * The path with symlinks resolved as far as it exists: the real path of its deepest existing ancestor, then the
     * rest of it as written, normalized.
     */
    static Path resolved(Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        Path existing = normalized;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return normalized;
        }
        try {
            return existing.toRealPath()
                    .resolve(existing.relativize(normalized))
                    .normalize();
        } catch (IOException e) {
            return normalized;
        }
    }
}
