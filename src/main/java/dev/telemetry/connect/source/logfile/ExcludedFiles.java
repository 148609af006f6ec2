package dev.telemetry.connect.source.logfile;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.regex.PatternSyntaxException;

/** One glob of exclude.files: with a '/' it is matched against a file's whole path, without against its name. */
record ExcludedFiles(String glob, PathMatcher matcher, boolean wholePath) {

    /** Parses {@code glob}; an IllegalArgumentException says what is wrong with it. */
    static ExcludedFiles parse(String glob) {
        String text = glob.trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("An empty glob excludes nothing");
        }
        try {
            return new ExcludedFiles(
                    text, FileSystems.getDefault().getPathMatcher("glob:" + text), text.indexOf('/') >= 0);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "Glob '" + text + "' is malformed: " + e.getDescription() + " at position " + e.getIndex());
        }
    }

    boolean excludes(Path file) {
        Path name = file.getFileName();
        return wholePath ? matcher.matches(file) : name != null && matcher.matches(name);
    }
}
