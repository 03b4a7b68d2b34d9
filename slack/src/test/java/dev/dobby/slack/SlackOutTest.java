package dev.dobby.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackOutTest {

    @Test
    void aLongAnswerIsSplitBetweenLinesIntoMessagesSlackShowsWhole() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            text.append("• line ").append(i).append(" of the summary, with a few words to make it longer\n");
        }
        List<String> parts = SlackOut.split(text.toString(), SlackOut.MAX_MESSAGE_CHARS);
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(3900));
        assertThat(String.join("\n", parts)).isEqualTo(text.toString().strip());
        assertThat(parts.get(1)).startsWith("• line ");
    }

    @Test
    void aSingleHugeLineIsCutAtAWordAndShortTextStaysWhole() {
        String word = "abcdefghij ";
        List<String> parts = SlackOut.split(word.repeat(1000), 3900);
        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(3900));
        assertThat(String.join(" ", parts).replace(" ", "")).isEqualTo(word.repeat(1000).replace(" ", ""));
        assertThat(SlackOut.split("short", 3900)).containsExactly("short");
    }

    @Test
    void retryAfterIsReadAsSecondsAndBounded() {
        assertThat(SlackOut.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(SlackOut.retryAfter("3600")).isEqualTo(Duration.ofSeconds(30));
        assertThat(SlackOut.retryAfter(null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SlackOut.retryAfter("soon")).isEqualTo(Duration.ofSeconds(1));
    }
}
