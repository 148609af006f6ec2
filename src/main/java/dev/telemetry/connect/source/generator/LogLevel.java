package dev.telemetry.connect.source.generator;

/** Application log levels; the wire form is the name as written (INFO, WARNING, ERROR). */
public enum LogLevel {
    INFO,
    WARNING,
    ERROR
}
