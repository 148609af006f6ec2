package dev.telemetry.connect.source.scrape;

import java.util.List;

/**
 * A parsed exposition body: the samples of every line that parsed, and the lines that did not, each with its reason.
 *
 * @param badLineCount every skipped line; {@code badLines} keeps only the first few for the log
 */
public record Exposition(List<Sample> samples, int badLineCount, List<BadLine> badLines) {

    /** A line the parser skipped: its 1-based number, why, and the start of its text. */
    public record BadLine(int number, String reason, String excerpt) {
        @Override
        public String toString() {
            return "line " + number + ": " + reason + " in '" + excerpt + "'";
        }
    }
}
