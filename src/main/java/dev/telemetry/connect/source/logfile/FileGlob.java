package dev.telemetry.connect.source.logfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * One absolute glob of {@code files}: its fixed leading directory (where the search starts), how deep below it a
 * match can be, and the matcher ({@code *} stays inside one directory, {@code **} crosses directories).
 */
final class FileGlob {

    private static final String META = "*?[{\\";

    private final String glob;
    private final Path baseDirectory;
    private final int maxDepth;
    private final PathMatcher matcher;

    private FileGlob(String glob, Path baseDirectory, int maxDepth, PathMatcher matcher) {
        this.glob = glob;
        this.baseDirectory = baseDirectory;
        this.maxDepth = maxDepth;
        this.matcher = matcher;
    }

    /** Parses {@code glob}; an IllegalArgumentException says what is wrong with it. */
    public static FileGlob parse(String glob) {
        String text = glob.trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("An empty glob pattern matches nothing");
        }
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("Glob '" + text + "' is not absolute: a worker's working directory "
                    + "is not a stable base, so start it with /");
        }
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + text);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "Glob '" + text + "' is malformed: " + e.getDescription() + " at position " + e.getIndex());
        }
        List<String> segments = List.of(text.substring(1).split("/"));
        int fixed = 0;
        while (fixed < segments.size() && segments.get(fixed).chars().noneMatch(c -> META.indexOf(c) >= 0)) {
            fixed++;
        }
        Path base;
        int depth;
        if (fixed == segments.size()) {
            // No wildcard: one file, searched in its directory.
            base = Path.of(text).getParent();
            depth = 1;
        } else {
            base = Path.of("/" + String.join("/", segments.subList(0, fixed)));
            List<String> rest = segments.subList(fixed, segments.size());
            depth = rest.stream().anyMatch(s -> s.contains("**")) ? Integer.MAX_VALUE : rest.size();
        }
        return new FileGlob(text, base, depth, matcher);
    }

    /** Refuses a base directory that exists but is not a readable, searchable directory. */
    public void ensureReadable() {
        if (!Files.exists(baseDirectory)) {
            return;
        }
        if (!Files.isDirectory(baseDirectory)) {
            throw new IllegalArgumentException("'" + baseDirectory + "' in glob '" + glob + "' is not a directory");
        }
        if (!Files.isReadable(baseDirectory) || !Files.isExecutable(baseDirectory)) {
            throw new IllegalArgumentException(
                    "Directory '" + baseDirectory + "' of glob '" + glob + "' cannot be read by the worker's user");
        }
    }

    public Path baseDirectory() {
        return baseDirectory;
    }

    /** Regular files matching now; none if the base directory does not exist (yet). */
    public List<Path> matchingFiles() throws IOException {
        if (!Files.isDirectory(baseDirectory)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.find(
                baseDirectory,
                maxDepth,
                (path, attributes) -> attributes.isRegularFile() && matcher.matches(path),
                new FileVisitOption[0])) {
            return paths.toList();
        } catch (UncheckedIOException e) {
            // A file or directory vanishing during the walk (a rotation) is normal; the next scan sees the new state.
            if (e.getCause() instanceof NoSuchFileException) {
                return List.of();
            }
            throw e.getCause();
        }
    }

    /** Whether {@code path} matches this glob (by name only). */
    public boolean matches(Path path) {
        return matcher.matches(path);
    }

    @Override
    public String toString() {
        return glob;
    }
}
