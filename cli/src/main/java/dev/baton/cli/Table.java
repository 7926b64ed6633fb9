package dev.baton.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table: a header row and rows, columns padded to their widest cell, two spaces apart. */
final class Table {
    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = headers;
    }

    /** Adds a row; null cells print as "-". */
    Table row(Object... cells) {
        String[] r = new String[headers.length];
        for (int i = 0; i < r.length; i++) {
            Object c = i < cells.length ? cells[i] : null;
            r[i] = c == null || c.toString().isEmpty() ? "-" : oneLine(c.toString());
        }
        rows.add(r);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        print(out, true);
    }

    /** Prints the rows, with the header row first when asked. */
    void print(PrintWriter out, boolean header) {
        int[] width = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            width[i] = header ? headers[i].length() : 0;
        }
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        if (header) {
            out.println(line(headers, width));
        }
        rows.forEach(r -> out.println(line(r, width)));
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            sb.append(cells[i]);
            if (i < cells.length - 1) {
                char[] pad = new char[width[i] - cells[i].length() + 2];
                Arrays.fill(pad, ' ');
                sb.append(pad);
            }
        }
        return sb.toString().stripTrailing();
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }

    /** At most {@code max} characters, with an ellipsis when cut. */
    static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, Math.max(0, max - 3)) + "...";
    }
}
