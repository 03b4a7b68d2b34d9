package dev.dobby.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Rows printed in aligned columns; the last column takes what is left and is not padded. */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final String[] header;

    public Table(String... header) {
        this.header = header;
    }

    public Table row(String... cells) {
        rows.add(cells);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public void print(PrintWriter out, Style style) {
        int columns = header.length;
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = Style.width(header[c]);
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], Style.width(cell(row, c)));
            }
        }
        out.println(style.bold(line(header, widths)));
        for (String[] row : rows) {
            out.println(line(row, widths));
        }
        out.flush();
    }

    private static String cell(String[] row, int c) {
        return c < row.length && row[c] != null ? row[c] : "";
    }

    private static String line(String[] row, int[] widths) {
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String value = cell(row, c);
            out.append(value);
            if (c < widths.length - 1) {
                out.append(" ".repeat(widths[c] - Style.width(value) + 2));
            }
        }
        return out.toString().stripTrailing();
    }
}
