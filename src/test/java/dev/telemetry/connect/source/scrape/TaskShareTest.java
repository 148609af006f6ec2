package dev.telemetry.connect.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskShareTest {

    private static final List<String> TARGETS = IntStream.range(0, 600)
            .mapToObj(i -> "http://10.0." + (i / 250) + "." + (i % 250) + ":9100/metrics")
            .toList();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8})
    void everyTargetHasExactlyOneTaskAndTheTasksShareThemEvenly(int tasks) {
        int[] counts = new int[tasks];
        for (String target : TARGETS) {
            int owners = 0;
            for (int task = 0; task < tasks; task++) {
                if (new TaskShare(task, tasks).owns(target)) {
                    owners++;
                    counts[task]++;
                }
            }
            assertThat(owners).as(target).isEqualTo(1);
        }
        int fair = TARGETS.size() / tasks;
        for (int count : counts) {
            assertThat(count).isBetween(fair * 7 / 10, fair * 13 / 10);
        }
    }

    @Test
    void aTaskMoreMovesOnlyTheTargetsTheNewTaskTakes() {
        Map<String, Integer> before = new HashMap<>();
        TARGETS.forEach(target -> before.put(target, TaskShare.ownerOf(target, 4)));
        List<String> moved = new ArrayList<>();
        for (String target : TARGETS) {
            int after = TaskShare.ownerOf(target, 5);
            if (after != before.get(target)) {
                moved.add(target);
                assertThat(after).as("a target only moves to the new task").isEqualTo(4);
            }
        }
        assertThat(moved).hasSizeBetween(TARGETS.size() / 10, TARGETS.size() * 3 / 10);
    }
}
