package dev.baton.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PromQL queries of a Grafana dashboard and the metric names they read. */
final class DashboardQueries {
    static final Path BATON_DASHBOARD = Path.of("../deploy/compose/grafana/dashboards/baton.json");
    static final Path ALERT_RULES = Path.of("../deploy/compose/prometheus/alerts.yml");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of(
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "bool",
            "offset",
            "and",
            "or",
            "unless",
            "inf",
            "nan");

    private DashboardQueries() {}

    /** Every {@code expr} of every panel target (rows' nested panels included). */
    static List<String> expressions(Path dashboard) throws IOException {
        List<String> out = new ArrayList<>();
        collect(new ObjectMapper().readTree(dashboard.toFile()).path("panels"), out);
        return out;
    }

    /** Every {@code expr} of every alerting rule of a Prometheus rule file. */
    static List<String> alertExpressions(Path rules) throws IOException {
        List<String> out = new ArrayList<>();
        new ObjectMapper(new YAMLFactory())
                .readTree(rules.toFile())
                .path("groups")
                .forEach(
                        g -> g.path("rules").forEach(r -> out.add(r.path("expr").asText())));
        return out;
    }

    private static void collect(JsonNode panels, List<String> out) {
        for (JsonNode panel : panels) {
            panel.path("targets").forEach(t -> {
                if (t.hasNonNull("expr")) {
                    out.add(t.get("expr").asText());
                }
            });
            collect(panel.path("panels"), out);
        }
    }

    /** The metric names a PromQL expression reads: identifiers that are not functions, keywords or labels. */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"") // string literals
                .replaceAll("\\{[^}]*}", " ") // label matchers
                .replaceAll("\\[[^\\]]*\\]", " ") // ranges
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String word = m.group();
            boolean call = s.substring(m.end()).matches("(?s)\\s*\\(.*");
            boolean number = m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1));
            if (!call && !number && !KEYWORDS.contains(word.toLowerCase()) && !word.startsWith("$")) {
                names.add(word);
            }
        }
        return names;
    }
}
