package dev.dobby.app.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnsiTest {

    @Test
    void coloursAndBoldBecomeStyledSpans() {
        List<Ansi.Span> spans = Ansi.parse("\u001b[1;31mred\u001b[0m plain \u001b[92mbright\u001b[39m back");
        assertThat(spans).containsExactly(
                new Ansi.Span("red", new Ansi.Style(1, true, false, false)),
                new Ansi.Span(" plain ", Ansi.Style.PLAIN),
                new Ansi.Span("bright", new Ansi.Style(10, false, false, false)),
                new Ansi.Span(" back", Ansi.Style.PLAIN));
    }

    @Test
    void theExtendedPaletteIsRead() {
        assertThat(Ansi.parse("\u001b[38;5;208morange").getFirst().style().foreground()).isEqualTo(208);
        assertThat(Ansi.parse("\u001b[38;2;1;2;3mtrue colour").getFirst())
                .isEqualTo(new Ansi.Span("true colour", Ansi.Style.PLAIN));
    }

    @Test
    void everyOtherEscapeAndControlCharacterIsDropped() {
        String hostile = "a\u001b[2Jb\u001b]0;title\u0007c\u001b]8;;http://x\u001b\\d\u0000\u0008e\u001b[";
        assertThat(Ansi.strip(hostile)).isEqualTo("abcde");
        assertThat(Ansi.strip("tab\tstop")).isEqualTo("tab    stop");
        assertThat(Ansi.strip("plain")).isEqualTo("plain");
        assertThat(Ansi.stripLines("\u001b[32mok\u001b[0m\r\nnext\n")).isEqualTo("ok\nnext\n");
    }
}
