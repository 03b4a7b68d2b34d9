package dev.dobby.protocol;

import static dev.dobby.protocol.TaskStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TaskStatusTest {
    /** The design's transition table, written out independently of the code under test. */
    private static final Map<TaskStatus, Set<TaskStatus>> EXPECTED = Map.of(
            DRAFT, EnumSet.of(PENDING, BLOCKED, CANCELLED),
            PENDING, EnumSet.of(RUNNING, BLOCKED, CANCELLED),
            BLOCKED, EnumSet.of(PENDING, CANCELLED),
            RUNNING, EnumSet.of(COMPLETED, FAILED, CANCELLED, TIMED_OUT, STALE, PENDING),
            COMPLETED, EnumSet.noneOf(TaskStatus.class),
            FAILED, EnumSet.of(PENDING, BLOCKED),
            CANCELLED, EnumSet.of(PENDING, BLOCKED),
            TIMED_OUT, EnumSet.of(PENDING, BLOCKED),
            STALE, EnumSet.of(PENDING, BLOCKED));

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void everyPairIsAllowedExactlyAsTheTableSays(TaskStatus from) {
        for (TaskStatus to : TaskStatus.values()) {
            boolean allowed = EXPECTED.get(from).contains(to);
            assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(allowed);
            if (allowed) {
                TaskStatus.requireTransition(from, to);
            } else {
                assertThatThrownBy(() -> TaskStatus.requireTransition(from, to))
                        .isInstanceOf(TaskStatus.IllegalTransitionException.class)
                        .hasMessageContaining(from.wire() + " -> " + to.wire());
            }
        }
    }

    @Test
    void wireNamesAreLowercase() {
        assertThat(TaskStatus.allWire())
                .isEqualTo("draft, pending, blocked, running, completed, failed, cancelled, timed_out, stale");
        assertThat(Json.write(TIMED_OUT)).isEqualTo("\"timed_out\"");
        assertThat(TaskStatus.fromWire("timed-out")).isEqualTo(TIMED_OUT);
    }

    @Test
    void unknownNamesListWhatIsAccepted() {
        assertThatThrownBy(() -> TaskStatus.fromWire("done"))
                .hasMessageContaining("unknown status 'done'")
                .hasMessageContaining("completed");
    }

    @Test
    void endedStatusesAndRetries() {
        assertThat(EnumSet.allOf(TaskStatus.class).stream().filter(TaskStatus::isTerminal))
                .containsExactlyInAnyOrder(COMPLETED, FAILED, CANCELLED, TIMED_OUT, STALE);
        assertThat(EnumSet.allOf(TaskStatus.class).stream().filter(TaskStatus::isRetryable))
                .containsExactlyInAnyOrder(FAILED, CANCELLED, TIMED_OUT, STALE);
    }
}
