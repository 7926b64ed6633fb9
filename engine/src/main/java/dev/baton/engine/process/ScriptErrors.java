package dev.baton.engine.process;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failed script's error in Conductor's words: {@code Error evaluating the script `<the error>` at line <n>}, the
 * line given for an error of the engine (not for what the script threw). Rhino's wording of the most common errors is
 * put as Conductor's JavaScript engine puts it ({@code Cannot read property 'x' of undefined},
 * {@code ReferenceError: x is not defined}).
 */
final class ScriptErrors {
    private static final Pattern LINE = Pattern.compile(" \\(line (\\d+)\\)$");
    private static final Pattern READ = Pattern.compile("Cannot read property \"(.*)\" from (undefined|null)");
    private static final Pattern UNDEFINED = Pattern.compile("ReferenceError: \"(.*)\" is not defined\\.");

    private ScriptErrors() {}

    static String conductorWords(String message) {
        String error = message == null ? "" : message;
        for (String prefix : new String[] {"script failed: ", "script error: "}) {
            if (error.startsWith(prefix)) {
                error = (prefix.equals("script error: ") ? "SyntaxError: " : "") + error.substring(prefix.length());
            }
        }
        String line = null;
        Matcher at = LINE.matcher(error);
        if (at.find()) {
            line = at.group(1);
            error = error.substring(0, at.start());
        }
        error = READ.matcher(error).replaceFirst("Cannot read property '$1' of $2");
        error = UNDEFINED.matcher(error).replaceFirst("ReferenceError: $1 is not defined");
        return "Error evaluating the script `" + error + "`" + (line == null ? "" : " at line " + line);
    }
}
