package dev.telemetry.connect.source.health;

/** A partition's status and the rule that gave it, in words an operator can act on. */
record StatusEvaluation(ConsumerStatus status, String reason) {}
