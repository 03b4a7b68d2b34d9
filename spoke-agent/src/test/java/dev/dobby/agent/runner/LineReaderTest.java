package dev.dobby.agent.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static List<String> lines(byte[] input) throws IOException {
        List<String> out = new ArrayList<>();
        LineReader.readLines(new ByteArrayInputStream(input), LineReader.MAX_LINE, out::add);
        return out;
    }

    @Test
    void splitsOnEveryKindOfLineEnd() throws IOException {
        assertThat(lines("a\nb\r\nc\rd".getBytes(StandardCharsets.UTF_8))).containsExactly("a", "b", "c", "d");
        assertThat(lines("\n\nx\n".getBytes(StandardCharsets.UTF_8))).containsExactly("", "", "x");
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() throws IOException {
        assertThat(lines(new byte[] {'o', 'k', (byte) 0xff, (byte) 0xfe, '\n'})).containsExactly("ok\uFFFD\uFFFD");
    }

    @Test
    void endlessLinesAreCutIntoPieces() throws IOException {
        byte[] huge = "x".repeat(LineReader.MAX_LINE * 2 + 10).getBytes(StandardCharsets.UTF_8);
        List<String> out = lines(huge);
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).hasSize(LineReader.MAX_LINE);
        assertThat(out.get(2)).hasSize(10);
    }

    @Test
    void aTokenRunningAcrossTheLimitIsKeptWholeInOnePiece() throws IOException {
        String token = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
        String before = "word ".repeat((LineReader.MAX_LINE - 20) / 5);
        String text = before + token + " tail\n";
        List<String> out = lines(text.getBytes(StandardCharsets.UTF_8));
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).hasSizeLessThanOrEqualTo(LineReader.MAX_LINE).doesNotContain("ghp_");
        assertThat(out.get(1)).startsWith(token);
        assertThat(String.join("", out)).isEqualTo(text.strip());
        assertThat(out.stream().map(Redactor.none()::redact)).noneMatch(piece -> piece.contains("0123456789abcdefghij"));
    }
}
