package dev.baton.engine.script;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mozilla.javascript.BaseFunction;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Symbol;
import org.mozilla.javascript.SymbolScriptable;

/**
 * A JSON object seen by a script without converting it first: a member becomes a JavaScript value
 * when the script first reads it, so a script's cost follows what it reads, not the size of its
 * input (a loop condition over a DO_WHILE that ran ten thousand passes reads one number). It
 * behaves as the object {@code JSON.parse} gives — keys in JavaScript's order (integer keys
 * ascending, then the others in document order), enumerable, writable, deletable — and, like the
 * Java maps Conductor hands its scripts, answers {@code get(key)} and {@code size()}. Arrays become
 * real JavaScript arrays (their objects lazy again) when first read. Only JavaScript values reach
 * the script: no Java object is exposed.
 *
 * <p>It implements {@link Scriptable} itself rather than extending {@code ScriptableObject}, so that
 * every built-in (Object.keys, Object.assign, JSON.stringify, for-in) enumerates it through
 * {@link #getIds()}.
 */
final class JsonScriptable implements Scriptable, SymbolScriptable {
    private static final Object NULL = new Object();

    private final JsonNode json;
    private final Map<String, Object> read = new HashMap<>();
    private final Set<String> deleted = new HashSet<>();
    /** Members the script added. */
    private final Map<String, Object> added = new LinkedHashMap<>();

    private Scriptable prototype;
    private Scriptable parent;

    private JsonScriptable(JsonNode json, Scriptable scope) {
        this.json = json;
        this.parent = scope;
        this.prototype = ScriptableObject.getObjectPrototype(scope);
    }

    /** The JavaScript value of a JSON value (objects lazily). */
    static Object wrap(JsonNode node, Scriptable scope) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            return new JsonScriptable(node, scope);
        }
        if (node.isArray()) {
            Object[] items = new Object[node.size()];
            for (int i = 0; i < items.length; i++) {
                items[i] = wrap(node.get(i), scope);
            }
            ScriptableObject array =
                    (ScriptableObject) Context.getCurrentContext().newArray(scope, items);
            array.defineProperty("get", new Get(scope), ScriptableObject.DONTENUM);
            array.defineProperty("size", new Size(scope), ScriptableObject.DONTENUM);
            return array;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isInt() || node.isShort()) {
            return node.intValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }

    private boolean inJson(String name) {
        return !deleted.contains(name) && json.has(name);
    }

    @Override
    public String getClassName() {
        return "Object";
    }

    @Override
    public Object get(String name, Scriptable start) {
        if (inJson(name)) {
            Object v = read.get(name);
            if (v == null) {
                v = wrap(json.get(name), parent);
                read.put(name, v == null ? NULL : v);
            }
            return v == NULL ? null : v;
        }
        if (added.containsKey(name)) {
            return added.get(name);
        }
        if ("get".equals(name)) {
            return new Get(parent);
        }
        if ("size".equals(name)) {
            return new Size(parent);
        }
        return NOT_FOUND;
    }

    @Override
    public Object get(int index, Scriptable start) {
        return get(Integer.toString(index), start);
    }

    @Override
    public boolean has(String name, Scriptable start) {
        return inJson(name) || added.containsKey(name);
    }

    @Override
    public boolean has(int index, Scriptable start) {
        return has(Integer.toString(index), start);
    }

    @Override
    public void put(String name, Scriptable start, Object value) {
        if (inJson(name)) {
            read.put(name, value == null ? NULL : value);
        } else {
            added.put(name, value);
        }
    }

    @Override
    public void put(int index, Scriptable start, Object value) {
        put(Integer.toString(index), start, value);
    }

    @Override
    public void delete(String name) {
        if (inJson(name)) {
            deleted.add(name);
            read.remove(name);
        } else {
            added.remove(name);
        }
    }

    @Override
    public void delete(int index) {
        delete(Integer.toString(index));
    }

    /** Integer keys ascending, then the others in document (then insertion) order, as JavaScript orders keys. */
    @Override
    public Object[] getIds() {
        TreeSet<Integer> indexes = new TreeSet<>();
        List<Object> names = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : json.properties()) {
            if (!deleted.contains(e.getKey())) {
                classify(e.getKey(), indexes, names);
            }
        }
        for (String k : added.keySet()) {
            classify(k, indexes, names);
        }
        List<Object> ids = new ArrayList<>(indexes);
        ids.addAll(names);
        return ids.toArray();
    }

    private static void classify(String key, TreeSet<Integer> indexes, List<Object> names) {
        int index = arrayIndex(key);
        if (index >= 0) {
            indexes.add(index);
        } else {
            names.add(key);
        }
    }

    /** The key as an array index (a canonical non-negative int), or -1. */
    private static int arrayIndex(String key) {
        if (key.isEmpty() || key.length() > 9 || (key.length() > 1 && key.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < key.length(); i++) {
            if (!Character.isDigit(key.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(key);
    }

    // Symbol keys (Symbol.toPrimitive in a comparison, Symbol.iterator in for...of): none of its own, so the lookup
    // goes on to the prototype (Object.prototype, Array.prototype), as for any plain object or array.
    @Override
    public Object get(Symbol key, Scriptable start) {
        return NOT_FOUND;
    }

    @Override
    public boolean has(Symbol key, Scriptable start) {
        return false;
    }

    @Override
    public void put(Symbol key, Scriptable start, Object value) {
        // a document of the input has no symbol-keyed members; a script's own are dropped
    }

    @Override
    public void delete(Symbol key) {
        // nothing to delete
    }

    @Override
    public Scriptable getPrototype() {
        return prototype;
    }

    @Override
    public void setPrototype(Scriptable prototype) {
        this.prototype = prototype;
    }

    @Override
    public Scriptable getParentScope() {
        return parent;
    }

    @Override
    public void setParentScope(Scriptable parent) {
        this.parent = parent;
    }

    @Override
    public Object getDefaultValue(Class<?> hint) {
        return ScriptableObject.getDefaultValue(this, hint);
    }

    @Override
    public boolean hasInstance(Scriptable instance) {
        return false;
    }

    /** {@code o.get(key)}: the member {@code key} (a list's element at that index). */
    private static final class Get extends BaseFunction {
        Get(Scriptable scope) {
            setParentScope(scope);
            setPrototype(ScriptableObject.getFunctionPrototype(scope));
        }

        @Override
        public Object call(Context cx, Scriptable scope, Scriptable thisObj, Object[] args) {
            if (args.length == 0 || thisObj == null) {
                return null;
            }
            Object key = args[0];
            Object v = key instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    ? ScriptableObject.getProperty(thisObj, n.intValue())
                    : ScriptableObject.getProperty(thisObj, Context.toString(key));
            return v == Scriptable.NOT_FOUND ? null : v;
        }
    }

    /** {@code o.size()}: a list's length, an object's number of keys. */
    private static final class Size extends BaseFunction {
        Size(Scriptable scope) {
            setParentScope(scope);
            setPrototype(ScriptableObject.getFunctionPrototype(scope));
        }

        @Override
        public Object call(Context cx, Scriptable scope, Scriptable thisObj, Object[] args) {
            if (thisObj == null) {
                return 0;
            }
            Object length = ScriptableObject.getProperty(thisObj, "length");
            if (length instanceof Number n) {
                return n.intValue();
            }
            return thisObj.getIds().length;
        }
    }
}
