package dev.telemetry.connect.source.logfile;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * One absolute glob of {@code files}: its fixed leading directory (where the search starts), how deep below it a
 * match can be, and the matcher ({@code *} stays inside one directory, {@code **} crosses directories). Symbolic links
 * in the fixed part are the operator's own path and always followed; links the search finds are followed only when
 * asked (follow.symlinks), and otherwise reported.
 */
final class FileGlob {

    private static final String META = "*?[{\\";

    private final String glob;
    private final Path baseDirectory;
    private final int maxDepth;
    private final PathMatcher matcher;
    /** No wildcard: the glob names one file, all of it written by the operator, so a link there is followed. */
    private final boolean literal;

    private FileGlob(String glob, Path baseDirectory, int maxDepth, PathMatcher matcher, boolean literal) {
        this.glob = glob;
        this.baseDirectory = baseDirectory;
        this.maxDepth = maxDepth;
        this.matcher = matcher;
        this.literal = literal;
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
        return new FileGlob(text, base, depth, matcher, fixed == segments.size());
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

    /** Whether the glob has no wildcard: it names one file. */
    boolean literal() {
        return literal;
    }

    public Path baseDirectory() {
        return baseDirectory;
    }

    /**
     * The entries matching now that are not directories (whether each is a regular file is checked when it is opened),
     * with what the search could not see. An entry or directory that vanishes during the search (a rotation) is left
     * out; a directory that cannot be listed is skipped and named in {@link Expansion#unlisted()}, so that the files
     * tracked below it are not taken for gone. A base directory that does not exist (yet) matches nothing.
     */
    public Expansion expand(boolean followLinks) {
        List<Path> files = new ArrayList<>();
        List<Path> unlisted = new ArrayList<>();
        List<Path> links = new ArrayList<>();
        Path start;
        try {
            start = baseDirectory.toRealPath();
        } catch (NoSuchFileException e) {
            return new Expansion(files, unlisted, links);
        } catch (IOException e) {
            unlisted.add(baseDirectory);
            return new Expansion(files, unlisted, links);
        }
        if (literal) {
            Path file = Path.of(glob);
            if (Files.exists(file)) {
                files.add(file);
            }
            return new Expansion(files, unlisted, links);
        }
        Set<FileVisitOption> options = followLinks ? EnumSet.of(FileVisitOption.FOLLOW_LINKS) : Set.of();
        try {
            Files.walkFileTree(start, options, maxDepth, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path found, BasicFileAttributes attributes) {
                    Path path = asWritten(start, found);
                    if (attributes.isSymbolicLink()) {
                        // Following links, a link still reported as one points nowhere: no file.
                        if (!followLinks && (matcher.matches(path) || isDirectoryToSearch(start, found))) {
                            links.add(path);
                        }
                    } else if (!attributes.isDirectory() && matcher.matches(path)) {
                        files.add(path);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path found, IOException e) {
                    if (!(e instanceof NoSuchFileException)) {
                        unlisted.add(asWritten(start, found));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path found, IOException e) {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        unlisted.add(asWritten(start, found));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // The visitor throws nothing; walkFileTree passes every failure to it.
            unlisted.add(baseDirectory);
        }
        return new Expansion(files, unlisted, links);
    }

    /** Whether a link the search does not follow leads to a directory the search would have entered. */
    private boolean isDirectoryToSearch(Path start, Path link) {
        return start.relativize(link).getNameCount() < maxDepth && Files.isDirectory(link);
    }

    /** {@code found}, under the real path of the base directory, as the same path under the base as written. */
    private Path asWritten(Path start, Path found) {
        return start.equals(baseDirectory) ? found : baseDirectory.resolve(start.relativize(found));
    }

    /**
     * What one search found: the matching entries, the directories it could not list, and the symbolic links it did
     * not follow that match or lead to a directory it would have searched.
     */
    public record Expansion(List<Path> files, List<Path> unlisted, List<Path> skippedLinks) {}

    /** Whether {@code path} matches this glob (by name only). */
    public boolean matches(Path path) {
        return matcher.matches(path);
    }

    @Override
    public String toString() {
        return glob;
    }
}
