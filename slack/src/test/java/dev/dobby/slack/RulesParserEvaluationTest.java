package dev.dobby.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The rules parser against the evaluation set. The floor is what it scored when this was written: a change that
 * reads fewer messages right fails here (raise the floor when it reads more).
 */
class RulesParserEvaluationTest {
    static final int FLOOR = 77;
    static final int HELD_OUT_FLOOR = 11;

    @Test
    void theRulesParserReadsAtLeastAsManyMessagesRightAsBefore() throws Exception {
        assertThat(ParserEvaluation.cases()).hasSizeGreaterThanOrEqualTo(60);
        ParserEvaluation.Score score = ParserEvaluation.score(m -> MessageParser.tasks(MessageParser.plain(m),
                ParserEvaluation.PROJECTS));
        System.out.println("rules parser: " + score);
        score.misses().forEach(m -> System.out.println("  miss: " + m));
        ParserEvaluation.Score heldOut = ParserEvaluation.score(m -> MessageParser.tasks(MessageParser.plain(m),
                ParserEvaluation.PROJECTS), ParserEvaluation.heldOut());
        System.out.println("rules parser, held-out messages only: " + heldOut);
        assertThat(score.right()).as(score.toString()).isGreaterThanOrEqualTo(FLOOR);
        assertThat(heldOut.right()).as(heldOut.toString()).isGreaterThanOrEqualTo(HELD_OUT_FLOOR);
    }
}
