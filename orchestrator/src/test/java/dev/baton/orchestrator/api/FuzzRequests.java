package dev.baton.orchestrator.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Random requests for the API fuzz test, none of which may change state: random paths only name
 * workflows, ids and definitions that do not exist, bodies are never valid definitions or start
 * requests, and requests about the known workflows and definitions always carry a parameter or a
 * body that is refused before anything is done.
 */
final class FuzzRequests {
    /** One request: method, raw target (path and query, possibly malformed), content type and body (null: none). */
    record Request(String method, byte[] target, String contentType, byte[] body, String family) {
        String describe() {
            String t = new String(target, StandardCharsets.ISO_8859_1);
            String b = body == null
                    ? "-"
                    : body.length > 120
                            ? new String(body, 0, 120, StandardCharsets.ISO_8859_1) + "...(" + body.length + " bytes)"
                            : new String(body, StandardCharsets.ISO_8859_1);
            return family + ": " + method + " " + (t.length() > 200 ? t.substring(0, 200) + "..." : t) + " ["
                    + contentType + "] " + b;
        }
    }

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
    private static final List<String> PREFIXES = List.of(
            "/api/workflow",
            "/api/metadata",
            "/api/metadata/workflow",
            "/api/metadata/taskdefs",
            "/api/workflow/execute",
            "/api/workflow/bulk",
            "/api/workflow/running",
            "/api/workflow/decide",
            "/api/workflow/search",
            "/api/workflow/search-v2",
            "/api/tasks",
            "/api/tasks/poll",
            "/api/tasks/poll/batch",
            "/api/tasks/queue",
            "/api/event",
            "/api/bridge",
            "/api/bridge/sources",
            "/api/token");
    private static final List<String> GENERIC = List.of(
            "",
            "/",
            "/api",
            "/api/",
            "/api/nothing-here",
            "/apix",
            "//api//workflow",
            "/api/workflow/",
            "/api/metadata/",
            "/api/metadata/nothing",
            "/api/workflowx/1",
            "/api/metadata/workflowx",
            "/favicon.ico",
            "/api/../api/workflow",
            "/api/%2e%2e/workflow");
    private static final List<String> KEYWORDS = List.of(
            "workflow",
            "metadata",
            "taskdefs",
            "search",
            "search-v2",
            "pause",
            "resume",
            "remove",
            "restart",
            "retry",
            "rerun",
            "skiptask",
            "decide",
            "resetcallbacks",
            "correlated",
            "running",
            "execute",
            "bulk",
            "terminate",
            "latest-versions",
            "names-and-versions",
            "poll",
            "batch",
            "log",
            "queue",
            "sizes",
            "size",
            "polldata",
            "update-v2",
            "COMPLETED",
            "FAILED",
            "sources",
            "instances",
            "stuck",
            "1",
            "0",
            "-1",
            "2147483648",
            "99999999999999999999",
            "%zz",
            "%",
            "%00",
            "%2F",
            "..",
            ".",
            "%20",
            "%C3%BC",
            "%FF%FE",
            "null",
            "undefined",
            "{id}",
            "\u00fc",
            "a;b",
            "x=y",
            "*",
            "~",
            "'",
            "%22",
            "%7B%7D");
    private static final List<String> PARAMS = List.of(
            "version",
            "includeTasks",
            "includeClosed",
            "start",
            "size",
            "sort",
            "freeText",
            "query",
            "reason",
            "correlationId",
            "priority",
            "overwrite",
            "useLatestDefinitions",
            "resumeSubworkflowTasks",
            "archiveWorkflow",
            "waitForSeconds",
            "waitUntilTaskRef",
            "requestId",
            "startTime",
            "endTime",
            "x",
            "",
            "%zz",
            "size[]",
            "workerid",
            "count",
            "timeout",
            "taskType",
            "activeOnly",
            "step",
            "domain");
    private static final List<String> VALUES = List.of(
            "",
            "abc",
            "-1",
            "0",
            "1",
            "2",
            "99999999999999999999",
            "1.5",
            "1e3",
            "true",
            "TRUE",
            "false",
            "maybe",
            "%zz",
            "%",
            "%00",
            "null",
            "%5B%5D",
            "%7B%7D",
            "startTime:DESC",
            "startTime:ASC",
            "x:y:z",
            "status:sideways",
            "workflowType%20IN%20(",
            "status%3DSLEEPING",
            "workflowType%3D'a'%20OR%20status%3DRUNNING",
            "startTime%3Enow",
            "correlationId%3D%22unterminated",
            "%27",
            "%22",
            "*",
            "%2A",
            "\u00e9",
            "%E2%82%AC",
            "-9223372036854775809");
    private static final List<String> CONTENT_TYPES = java.util.Arrays.asList(
            "application/json",
            "application/json",
            "application/json; charset=utf-8",
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/xml",
            "multipart/form-data",
            "application/octet-stream",
            "garbage",
            "application/json; charset=nonsense",
            "*/*",
            "",
            null,
            "application/json; charset=@@",
            "text/plain; charset=",
            "application/json; boundary=--x");

    private final Random rnd;
    private final List<String> knownWorkflowIds;
    private final List<String> knownWorkflowNames;
    private final String knownTaskName;

    FuzzRequests(Random rnd, List<String> knownWorkflowIds, List<String> knownWorkflowNames, String knownTaskName) {
        this.rnd = rnd;
        this.knownWorkflowIds = knownWorkflowIds;
        this.knownWorkflowNames = knownWorkflowNames;
        this.knownTaskName = knownTaskName;
    }

    Request next() {
        int family = rnd.nextInt(100);
        if (family < 45) {
            return randomPath();
        }
        if (family < 60) {
            return search();
        }
        if (family < 85) {
            return knownButInvalid();
        }
        if (family < 95) {
            return randomStartOrDefinition();
        }
        return generic();
    }

    private Request randomPath() {
        StringBuilder path = new StringBuilder(pick(PREFIXES));
        int segments = rnd.nextInt(5);
        for (int i = 0; i < segments; i++) {
            path.append('/').append(segment());
        }
        path.append(query());
        return request(pick(METHODS), path.toString(), "random-path");
    }

    private Request search() {
        String path = (rnd.nextBoolean() ? "/api/workflow/search" : "/api/workflow/search-v2") + query();
        return request(rnd.nextInt(5) == 0 ? pick(METHODS) : "GET", path, "search");
    }

    private Request generic() {
        return request(pick(METHODS), pick(GENERIC) + query(), "generic");
    }

    /** Start requests and definitions that are invalid, or name a workflow that does not exist. */
    private Request randomStartOrDefinition() {
        String[] paths = {
            "/api/workflow",
            "/api/workflow/" + randomName(),
            "/api/workflow/execute/" + randomName() + "/1",
            "/api/metadata/workflow",
            "/api/metadata/taskdefs"
        };
        String method = rnd.nextBoolean() ? "POST" : pick(METHODS);
        byte[] body = rnd.nextInt(4) == 0 ? invalidStart() : body();
        return new Request(
                method, ascii(paths[rnd.nextInt(paths.length)] + query()), contentType(), body, "start-or-define");
    }

    /** About the known workflows and definitions, always with something that is refused before any action. */
    private Request knownButInvalid() {
        String id = pick(knownWorkflowIds);
        String name = pick(knownWorkflowNames);
        String bad = pick(List.of("maybe", "yes", "1", "0", "%zz", "t", "null", "%00"));
        String badInt = pick(List.of("x", "1.5", "-1", "0", "99999999999999999999", "%zz", "one"));
        switch (rnd.nextInt(14)) {
            case 0:
                return request("GET", "/api/workflow/" + id + "?includeTasks=" + bad, "known");
            case 1:
                return request("POST", "/api/workflow/" + id + "/restart?useLatestDefinitions=" + bad, "known");
            case 2:
                return request("POST", "/api/workflow/" + id + "/retry?resumeSubworkflowTasks=" + bad, "known");
            case 3:
                return request("DELETE", "/api/workflow/" + id + "/remove?archiveWorkflow=" + bad, "known");
            case 4:
                return new Request(
                        "POST",
                        ascii("/api/workflow/" + id + "/rerun"),
                        json(),
                        invalidObjectBody(
                                "{\"reRunFromTaskId\":5}",
                                "{\"taskInput\":\"x\"}",
                                "{\"workflowInput\":[1]}",
                                "{\"correlationId\":{}}"),
                        "known");
            case 5:
                return new Request(
                        "PUT",
                        ascii("/api/workflow/" + id + "/skiptask/" + pick(List.of("w", "later", "x"))),
                        json(),
                        invalidObjectBody("{\"taskInput\":1}", "{\"taskOutput\":\"no\"}", "{\"taskOutput\":[]}"),
                        "known");
            case 6:
                return request("GET", "/api/metadata/workflow/" + name + "?version=" + badInt, "known");
            case 7:
                return new Request(
                        "POST",
                        ascii("/api/metadata/workflow" + (rnd.nextBoolean() ? "?overwrite=true" : "")),
                        "application/json",
                        ("{\"name\":\"" + name + "\",\"version\":\"" + badInt
                                        + "\",\"tasks\":[{\"name\":\"n\",\"taskReferenceName\":\"n\",\"type\":\"NOOP\"}]}")
                                .getBytes(StandardCharsets.UTF_8),
                        "known");
            case 8:
                return new Request(
                        "PUT",
                        ascii("/api/metadata/taskdefs"),
                        "application/json",
                        ("{\"name\":\"" + knownTaskName + "\",\"retryCount\":\"many\"}")
                                .getBytes(StandardCharsets.UTF_8),
                        "known");
            case 9:
                return request("GET", "/api/workflow/" + name + "/correlated/c?includeClosed=" + bad, "known");
            case 10:
                return new Request(
                        "POST",
                        ascii("/api/workflow/" + name + "?version=" + badInt),
                        "application/json",
                        "{}".getBytes(StandardCharsets.UTF_8),
                        "known");
            case 11:
                return new Request(
                        "POST",
                        ascii("/api/workflow"),
                        "application/json",
                        pick(List.of(
                                        "{\"name\":\"" + name + "\",\"priority\":500}",
                                        "{\"name\":\"" + name + "\",\"input\":[1]}",
                                        "{\"name\":\"" + name + "\",\"version\":\"" + badInt + "\"}",
                                        "{\"name\":\"" + name
                                                + "\",\"idempotencyKey\":\"k\",\"idempotencyStrategy\":\"SOMETIMES\"}",
                                        "{\"name\":\"" + name + "\",\"taskToDomain\":[]}",
                                        "{\"name\":\"" + name + "\",\"correlationId\":5}"))
                                .getBytes(StandardCharsets.UTF_8),
                        "known");
            case 12:
                return new Request(
                        "POST",
                        ascii("/api/workflow/execute/" + name + "/1?waitForSeconds="
                                + pick(List.of("-1", "x", "100000", "1.5"))),
                        "application/json",
                        "{}".getBytes(StandardCharsets.UTF_8),
                        "known");
            // version 0 is no bad version here: as in Conductor, an execution of version 0 runs the latest
            default:
                return new Request(
                        "POST",
                        ascii("/api/workflow/execute/" + name + "/" + ("0".equals(badInt) ? "-1" : badInt)),
                        "application/json",
                        "{}".getBytes(StandardCharsets.UTF_8),
                        "known");
        }
    }

    private byte[] invalidObjectBody(String... typed) {
        if (rnd.nextBoolean()) {
            return pick(List.of(typed)).getBytes(StandardCharsets.UTF_8);
        }
        return pick(List.of(
                        "{",
                        "[",
                        "\"text\"",
                        "12",
                        "true",
                        "[]",
                        "[{}]",
                        "{\"a\":}",
                        "{} {}",
                        "nul",
                        "{'a':1}",
                        "\u0000",
                        "{\"taskInput\":{\"a\":1}",
                        "[" + "[".repeat(3000)))
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] invalidStart() {
        String name = randomName();
        return pick(List.of(
                        "{\"name\":\"" + name + "\",\"version\":\"abc\"}",
                        "{\"version\":1}",
                        "{\"name\":" + rnd.nextInt() + ",\"version\":\"x\"}",
                        "{\"name\":\"" + name + "\",\"input\":\"not an object\"}",
                        "{\"name\":\"" + name + "\",\"workflowDef\":{\"name\":\"" + name + "\",\"tasks\":[]}}",
                        "{\"name\":\"" + name + "\",\"workflowDef\":\"inline\"}",
                        "{\"name\":\"" + name + "\",\"priority\":-3}",
                        "{\"name\":\"" + name + "\",\"externalInputPayloadStoragePath\":\"s3://x\"}",
                        "{\"name\":\"" + name + "\"}"))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A body that is never a valid definition, definition list or start request. */
    private byte[] body() {
        switch (rnd.nextInt(12)) {
            case 0:
                return null;
            case 1:
                return new byte[0];
            case 2:
                return pick(List.of(
                                "{",
                                "}",
                                "[",
                                "{\"a\":",
                                "{\"a\" 1}",
                                "{\"a\":1,}",
                                "[1,]",
                                "{a:1}",
                                "{'a':1}",
                                "NaN",
                                "undefined",
                                "{\"a\":1}}",
                                "\"unterminated",
                                "{\"version\":\"x\"} trailing",
                                "[{\"version\":\"x\"}]]",
                                "tru",
                                "   ",
                                "\t\n"))
                        .getBytes(StandardCharsets.UTF_8);
            case 3:
                return pick(List.of(
                                "null",
                                "true",
                                "false",
                                "0",
                                "-1",
                                "1e309",
                                "\"a string\"",
                                "12345678901234567890",
                                "[]",
                                "[1,2,3]",
                                "[null]",
                                "[\"a\"]",
                                "[[]]",
                                "{}"))
                        .getBytes(StandardCharsets.UTF_8);
            case 4:
                return ("{\"name\":" + pick(List.of("1", "{}", "[]", "true", "null", "\"" + randomName() + "\""))
                                + ",\"version\":\"not-a-version\",\"retryCount\":\"many\",\"tasks\":\"none\",\"input\":"
                                + pick(List.of("1", "[]", "\"x\"")) + "}")
                        .getBytes(StandardCharsets.UTF_8);
            case 5:
                return ("[{\"name\":\"" + randomName() + "\",\"version\":\"x\",\"retryCount\":\"many\"},"
                                + pick(List.of("1", "null", "\"x\"", "[]")) + "]")
                        .getBytes(StandardCharsets.UTF_8);
            case 6: {
                byte[] b = new byte[rnd.nextInt(2000)];
                rnd.nextBytes(b);
                return b;
            }
            case 7:
                return ("\"" + "x".repeat(rnd.nextInt(2_000_000)) + "\"").getBytes(StandardCharsets.UTF_8);
            case 8:
                return ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8);
            case 9:
                return ("{\"input\":{" + "\"k\":1,".repeat(rnd.nextInt(20000)) + "\"end\":1},\"version\":\"v\"}")
                        .getBytes(StandardCharsets.UTF_8);
            case 10:
                return rnd.nextBoolean()
                        ? "\u00ff\u00fe{\"name\":\"\ud800\"}".getBytes(StandardCharsets.ISO_8859_1)
                        : pick(List.of(
                                        "[{\"name\":\"bad name!\"}]",
                                        "[{\"name\":\"" + "t".repeat(300) + "\"}]",
                                        "[{\"name\":\"ok\",\"commandTopic\":\"a/b\"}]",
                                        "{\"name\":\"" + randomName()
                                                + "\",\"tasks\":[{\"name\":\"a b\",\"taskReferenceName\":\"r\"}]}"))
                                .getBytes(StandardCharsets.UTF_8);
            default:
                return ("{\"version\":" + pick(List.of("\"1\"", "1.5", "-4", "2147483648", "[]")) + ",\"name\":\""
                                + randomName() + "\",\"tasks\":[{\"type\":\"NO_SUCH\",\"taskReferenceName\":\"r\"}],"
                                + "\"retryCount\":\"x\"}")
                        .getBytes(StandardCharsets.UTF_8);
        }
    }

    private Request request(String method, String target, String family) {
        boolean withBody = !method.equals("GET") && !method.equals("HEAD") && rnd.nextBoolean();
        return new Request(method, ascii(target), withBody ? contentType() : null, withBody ? body() : null, family);
    }

    private String query() {
        int n = rnd.nextInt(4);
        if (n == 0) {
            return rnd.nextInt(10) == 0 ? "?" : "";
        }
        StringBuilder q = new StringBuilder("?");
        for (int i = 0; i < n; i++) {
            q.append(i == 0 ? "" : rnd.nextInt(10) == 0 ? "&&" : "&").append(pick(PARAMS));
            if (rnd.nextInt(8) != 0) {
                q.append('=').append(rnd.nextInt(20) == 0 ? "v".repeat(3000) : pick(VALUES));
            }
        }
        return q.toString();
    }

    private String segment() {
        return switch (rnd.nextInt(6)) {
            case 0, 1 -> UUID.randomUUID().toString();
            case 2 -> randomName();
            case 3 -> rnd.nextInt(30) == 0 ? "s".repeat(3000) : String.valueOf(rnd.nextInt(2000) - 1000);
            default -> pick(KEYWORDS);
        };
    }

    private String randomName() {
        return "fz_" + Long.toString(rnd.nextLong() & Long.MAX_VALUE, 36);
    }

    /** Requests about known workflows always say JSON, so that their (invalid) body is read as such. */
    private String json() {
        return pick(List.of("application/json", "application/json; charset=utf-8"));
    }

    private String contentType() {
        return CONTENT_TYPES.get(rnd.nextInt(CONTENT_TYPES.size()));
    }

    private <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    /** The target as bytes: non-ASCII characters are sent as raw UTF-8 (not percent-encoded). */
    private static byte[] ascii(String target) {
        return target.getBytes(StandardCharsets.UTF_8);
    }
}
