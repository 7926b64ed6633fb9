package dev.baton.engine.script;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.EcmaError;
import org.mozilla.javascript.EvaluatorException;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.JavaScriptException;
import org.mozilla.javascript.NativeJSON;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.Script;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;

/**
 * Evaluates JavaScript the way Conductor's INLINE, LAMBDA, JavaScript SWITCH cases and DO_WHILE
 * conditions do: the input is bound as {@code $}, the value of the last statement is the result,
 * converted to JSON (integral numbers stay integral; undefined and functions become null).
 *
 * <p>Why Rhino: on Java 17 it is small, starts fast, and gives a real sandbox — no Java class is
 * visible ({@code ClassShutter} refusing all, {@code initSafeStandardObjects} without
 * {@code Packages}/{@code java}/{@code importPackage}), the interpreter counts instructions so an
 * endless loop stops at the time or instruction limit, and the evaluating thread's allocations are
 * checked at the same points. GraalJS 23.1 (the last for Java 17) is far heavier to embed and
 * start. Every evaluation gets a fresh global scope, so one script cannot leave anything behind
 * for the next. No I/O happens here.
 */
public final class ScriptEvaluator {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Built-ins that could allocate a huge string in one call, wrapped to respect the string limit. */
    private static final String GUARDS = """
            (function (max) {
              function guard(proto, name, size) {
                var original = proto[name];
                Object.defineProperty(proto, name, {writable: false, configurable: false, value: function () {
                  if (size(this, arguments) > max) { throw new RangeError(name + ': result longer than ' + max + ' characters'); }
                  return original.apply(this, arguments);
                }});
              }
              guard(String.prototype, 'repeat', function (s, a) { return String(s).length * Number(a[0]); });
              guard(String.prototype, 'padStart', function (s, a) { return Number(a[0]); });
              guard(String.prototype, 'padEnd', function (s, a) { return Number(a[0]); });
              guard(Array.prototype, 'join', function (s, a) { return s.length * (a[0] === undefined ? 1 : String(a[0]).length + 1); });
            })""";

    private final ScriptLimits limits;
    private final SandboxContextFactory factory;
    private final Cache<String, Script> compiled;

    public ScriptEvaluator() {
        this(ScriptLimits.defaults());
    }

    public ScriptEvaluator(ScriptLimits limits) {
        this.limits = limits;
        this.factory = new SandboxContextFactory(limits.maxStackDepth());
        this.compiled = Caffeine.newBuilder().maximumSize(limits.cacheSize()).build();
    }

    /** Evaluates {@code expression} with {@code input} bound as {@code $}. */
    public JsonNode evaluate(String expression, JsonNode input) throws ScriptException {
        if (expression == null || expression.isBlank()) {
            throw new ScriptException(ScriptException.Kind.SYNTAX, "empty script");
        }
        if (expression.length() > limits.maxScriptLength()) {
            throw new ScriptException(
                    ScriptException.Kind.LIMIT, "script longer than " + limits.maxScriptLength() + " characters");
        }
        SandboxContext cx = (SandboxContext) factory.enterContext();
        try {
            cx.budget = null;
            ScriptableObject scope = cx.initSafeStandardObjects(null, false);
            cx.evaluateString(scope, GUARDS + "(" + limits.maxStringLength() + ")", "guards", 1, null);
            scope.put(
                    "$",
                    scope,
                    input == null || !input.isContainerNode()
                            ? parseJson(cx, scope, input == null ? "{}" : input.toString())
                            : JsonScriptable.wrap(input, scope));
            Script script = compile(cx, expression);
            cx.budget = new Budget(limits, "script");
            Object result = script.exec(cx, scope);
            return toJson(cx, scope, result);
        } catch (LimitExceeded e) {
            throw new ScriptException(e.kind, e.getMessage());
        } catch (EvaluatorException e) {
            throw new ScriptException(ScriptException.Kind.SYNTAX, "script error: " + e.details() + lineOf(e));
        } catch (JavaScriptException e) {
            // what the script threw: no line, as Conductor reports a script's own error
            throw new ScriptException(ScriptException.Kind.RUNTIME, "script failed: " + e.details());
        } catch (EcmaError e) {
            throw new ScriptException(ScriptException.Kind.RUNTIME, "script failed: " + e.details() + lineOf(e));
        } catch (RhinoException e) {
            throw new ScriptException(ScriptException.Kind.RUNTIME, "script failed: " + e.getMessage());
        } catch (StackOverflowError e) {
            throw new ScriptException(ScriptException.Kind.LIMIT, "script recursed too deeply");
        } catch (RuntimeException e) {
            throw new ScriptException(ScriptException.Kind.RUNTIME, "script failed: " + e);
        } finally {
            cx.budget = null;
            Context.exit();
        }
    }

    /**
     * The input as JavaScript values. Objects and arrays also answer {@code get(key)} and
     * {@code size()} (not enumerable), as the Java maps and lists Conductor hands its scripts do,
     * so {@code $.get('x')} and {@code $.list.get(0)} work as they do there.
     */
    private static Object parseJson(Context cx, Scriptable scope, String text) {
        Scriptable json = (Scriptable) ScriptableObject.getProperty(scope, "JSON");
        Function parse = (Function) ScriptableObject.getProperty(json, "parse");
        Object reviver = cx.evaluateString(scope, MAP_LIKE, "map-like", 1, null);
        return parse.call(cx, scope, json, new Object[] {text, reviver});
    }

    /** As Conductor's results show them: a property whose value is {@code undefined} is kept, as null. */
    private static final org.mozilla.javascript.Callable UNDEFINED_AS_NULL =
            (cx, scope, thisObj, args) -> args.length > 1 && args[1] instanceof Undefined ? null : args[1];

    private static final String MAP_LIKE = """
            (function (key, value) {
              if (value !== null && typeof value === 'object') {
                Object.defineProperty(value, 'get', {value: function (k) { return this[k]; }, enumerable: false});
                Object.defineProperty(value, 'size', {value: function () {
                  return Array.isArray(this) ? this.length : Object.keys(this).length; }, enumerable: false});
              }
              return value;
            })""";

    private Script compile(Context cx, String expression) {
        Script script = compiled.getIfPresent(expression);
        if (script == null) {
            script = cx.compileString(expression, "script", 1, null);
            compiled.put(expression, script);
        }
        return script;
    }

    private JsonNode toJson(Context cx, ScriptableObject scope, Object result) throws ScriptException {
        if (result == null || result instanceof Undefined) {
            return NullNode.getInstance();
        }
        if (result instanceof CharSequence text && text.length() > limits.maxResultSize()) {
            // a string built by concatenation is a rope: refuse it before it is ever flattened
            throw new ScriptException(
                    ScriptException.Kind.LIMIT, "script result longer than " + limits.maxResultSize() + " characters");
        }
        Object text = NativeJSON.stringify(cx, scope, result, UNDEFINED_AS_NULL, null);
        if (!(text instanceof CharSequence s)) {
            return NullNode.getInstance();
        }
        if (s.length() > limits.maxResultSize()) {
            throw new ScriptException(
                    ScriptException.Kind.LIMIT, "script result longer than " + limits.maxResultSize() + " characters");
        }
        try {
            return JSON.readTree(s.toString());
        } catch (JsonProcessingException e) {
            throw new ScriptException(ScriptException.Kind.RUNTIME, "script result is not JSON: " + e.getMessage());
        }
    }

    private static String lineOf(RhinoException e) {
        return e.lineNumber() > 0 ? " (line " + e.lineNumber() + ")" : "";
    }
}
