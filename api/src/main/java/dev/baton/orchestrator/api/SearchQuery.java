package dev.baton.orchestrator.api;

import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.orchestrator.error.ApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The subset of Conductor's search query syntax Baton understands: clauses joined with
 * {@code AND}, each one of
 * <pre>
 *   workflowType = name          workflowType IN (a, b)
 *   status = RUNNING             status IN (FAILED, TIMED_OUT)
 *   correlationId = x
 *   workflowId = id              workflowId IN (a, b)
 *   startTime &gt; ms   startTime &gt;= ms   startTime &lt; ms   startTime &lt;= ms
 * </pre>
 * Values may be quoted with ' or ". Anything else is a 400 naming the {@code query} parameter.
 * Task queries ({@link #parseTasks}) also take {@code taskType}, {@code taskDefName}, {@code taskId},
 * {@code workflowId} and a task {@code status}.
 */
record SearchQuery(
        Set<String> workflowTypes,
        Set<WorkflowStatus> statuses,
        String correlationId,
        Long startedAfter,
        Long startedBefore,
        boolean matchesNothing,
        Set<String> workflowIds) {

    static final String FIELDS = "workflowType, status, correlationId, startTime, workflowId";

    /** Fields of a task search besides workflowType, correlationId and startTime; status is the task's. */
    static final Set<String> TASK_FIELDS = Set.of("taskType", "taskDefName", "taskId", "workflowId", "status");

    static SearchQuery parse(String query) {
        if (query == null || query.isBlank()) {
            return new SearchQuery(Set.of(), Set.of(), null, null, null, false, Set.of());
        }
        return new Parser(query, false).parse();
    }

    /**
     * A query over tasks (task search, workflow search by tasks): {@code workflowType},
     * {@code correlationId} and {@code startTime} select workflows; {@code taskType},
     * {@code taskDefName}, {@code taskId}, {@code workflowId} and {@code status} (a task status)
     * select their tasks.
     */
    static TaskQuery parseTasks(String query) {
        if (query == null || query.isBlank()) {
            return new TaskQuery(parse(null), Map.of());
        }
        Parser p = new Parser(query, true);
        SearchQuery workflows = p.parse();
        return new TaskQuery(workflows, Map.copyOf(p.taskFields));
    }

    /** A task query: the workflows to look in, and per task field the values a task must have one of. */
    record TaskQuery(SearchQuery workflows, Map<String, Set<String>> taskFields) {}

    private static final class Parser {
        private final String text;
        private final List<String> tokens = new ArrayList<>();
        private final List<Integer> positions = new ArrayList<>();
        private int i;
        private Set<String> types;
        private Set<WorkflowStatus> statuses;
        private String correlationId;
        private Long after;
        private Long before;
        private Set<String> ids;
        private boolean none;
        private final boolean tasks;
        private final Map<String, Set<String>> taskFields = new HashMap<>();

        Parser(String text, boolean tasks) {
            this.text = text;
            this.tasks = tasks;
            tokenize();
        }

        SearchQuery parse() {
            clause();
            while (i < tokens.size()) {
                String and = next("AND");
                if (!"AND".equalsIgnoreCase(and)) {
                    throw error("expected AND between clauses (only AND is supported) but found '" + and + "'");
                }
                clause();
            }
            return new SearchQuery(
                    types == null ? Set.of() : types,
                    statuses == null ? Set.of() : statuses,
                    correlationId,
                    after,
                    before,
                    none || (after != null && before != null && after > before) || (ids != null && ids.isEmpty()),
                    ids == null ? Set.of() : ids);
        }

        private void clause() {
            String field = next("a field name");
            String op = next("an operator");
            if (tasks && TASK_FIELDS.contains(field)) {
                Set<String> values = values(op, field);
                if (field.equals("status")) {
                    for (String v : values) {
                        try {
                            TaskStatus.valueOf(v.toUpperCase(Locale.ROOT));
                        } catch (IllegalArgumentException e) {
                            throw error("unknown task status '" + v + "'");
                        }
                    }
                    values = values.stream()
                            .map(v -> v.toUpperCase(Locale.ROOT))
                            .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
                }
                taskFields.put(field, intersect(taskFields.get(field), values));
                return;
            }
            switch (field) {
                case "workflowType" -> types = intersect(types, values(op, field));
                case "status" -> {
                    Set<WorkflowStatus> s = new HashSet<>();
                    for (String v : values(op, field)) {
                        try {
                            s.add(WorkflowStatus.valueOf(v.toUpperCase(Locale.ROOT)));
                        } catch (IllegalArgumentException e) {
                            throw error("unknown status '" + v + "'");
                        }
                    }
                    statuses = intersect(statuses, s);
                }
                case "correlationId" -> {
                    if (!"=".equals(op)) {
                        throw error("correlationId supports only =");
                    }
                    String v = value();
                    none |= correlationId != null && !correlationId.equals(v);
                    correlationId = v;
                }
                case "startTime" -> time(op);
                case "workflowId" -> ids = intersect(ids, values(op, field));
                default ->
                    throw error("unsupported field '" + field + "' (supported: " + FIELDS
                            + (tasks ? ", " + String.join(", ", new java.util.TreeSet<>(TASK_FIELDS)) : "") + ")");
            }
        }

        private void time(String op) {
            String v = value();
            long ms;
            try {
                ms = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw error("startTime needs epoch milliseconds, not '" + v + "'");
            }
            switch (op) {
                case ">" -> after = max(after, ms == Long.MAX_VALUE ? ms : ms + 1);
                case ">=" -> after = max(after, ms);
                case "<" -> before = min(before, ms == Long.MIN_VALUE ? ms : ms - 1);
                case "<=" -> before = min(before, ms);
                default -> throw error("startTime supports >, >=, < and <=, not '" + op + "'");
            }
        }

        private Set<String> values(String op, String field) {
            Set<String> out = new LinkedHashSet<>();
            if ("=".equals(op)) {
                out.add(value());
            } else if ("IN".equalsIgnoreCase(op)) {
                expect("(");
                out.add(value());
                while (peek(",")) {
                    i++;
                    out.add(value());
                }
                expect(")");
            } else {
                throw error(field + " supports = and IN (...), not '" + op + "'");
            }
            return out;
        }

        private String value() {
            String v = next("a value");
            if ("(".equals(v) || ")".equals(v) || ",".equals(v)) {
                throw error("expected a value but found '" + v + "'");
            }
            return unquote(v);
        }

        private void expect(String t) {
            String found = next("'" + t + "'");
            if (!t.equals(found)) {
                i--;
                throw error("expected '" + t + "' but found '" + found + "'");
            }
        }

        private boolean peek(String t) {
            return i < tokens.size() && t.equals(tokens.get(i));
        }

        private String next(String what) {
            if (i >= tokens.size()) {
                throw ApiException.badField("query", "expected " + what + " at the end of the query", text);
            }
            return tokens.get(i++);
        }

        private ApiException error(String problem) {
            int at = positions.get(Math.max(0, Math.min(i - 1, positions.size() - 1)));
            return ApiException.badField("query", problem + " (at position " + at + ")", text);
        }

        private void tokenize() {
            int p = 0;
            while (p < text.length()) {
                char c = text.charAt(p);
                if (Character.isWhitespace(c)) {
                    p++;
                    continue;
                }
                int start = p;
                if (c == '(' || c == ')' || c == ',') {
                    p++;
                } else if (c == '>' || c == '<' || c == '=' || c == '!') {
                    p++;
                    if (p < text.length() && text.charAt(p) == '=') {
                        p++;
                    }
                } else if (c == '\'' || c == '"') {
                    int end = text.indexOf(c, p + 1);
                    if (end < 0) {
                        throw ApiException.badField("query", "unterminated quote at position " + p, text);
                    }
                    p = end + 1;
                } else {
                    while (p < text.length()
                            && !Character.isWhitespace(text.charAt(p))
                            && "()<>=!,'\"".indexOf(text.charAt(p)) < 0) {
                        p++;
                    }
                }
                tokens.add(text.substring(start, p));
                positions.add(start);
            }
            if (tokens.isEmpty()) {
                throw ApiException.badField("query", "empty query", text);
            }
        }

        private static String unquote(String v) {
            if (v.length() >= 2
                    && (v.charAt(0) == '\'' || v.charAt(0) == '"')
                    && v.charAt(v.length() - 1) == v.charAt(0)) {
                return v.substring(1, v.length() - 1);
            }
            return v;
        }

        /** Both clauses must hold: the values in common (none in common means no instance matches). */
        private <T> Set<T> intersect(Set<T> current, Set<T> more) {
            if (current == null) {
                return more;
            }
            Set<T> out = new LinkedHashSet<>(current);
            out.retainAll(more);
            none |= out.isEmpty();
            return out;
        }

        private static Long max(Long a, long b) {
            return a == null ? b : Math.max(a, b);
        }

        private static Long min(Long a, long b) {
            return a == null ? b : Math.min(a, b);
        }
    }
}
