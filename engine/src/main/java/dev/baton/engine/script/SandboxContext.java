package dev.baton.engine.script;

import java.util.Locale;
import java.util.TimeZone;
import org.mozilla.javascript.ClassShutter;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;

/**
 * A Rhino context that evaluates one script under a {@link Budget}: interpreted (so every
 * instruction is counted), no visible Java class, UTC and the root locale.
 */
final class SandboxContext extends Context {
    /** Instructions between two budget checks. */
    static final int OBSERVER_THRESHOLD = 10_000;

    private static final ClassShutter NO_CLASSES = className -> false;

    Budget budget;

    SandboxContext(ContextFactory factory, int maxStackDepth) {
        super(factory);
        setInterpretedMode(true);
        setLanguageVersion(Context.VERSION_ECMASCRIPT);
        setInstructionObserverThreshold(OBSERVER_THRESHOLD);
        setMaximumInterpreterStackDepth(maxStackDepth);
        setClassShutter(NO_CLASSES);
        setTimeZone(TimeZone.getTimeZone("UTC"));
        setLocale(Locale.ROOT);
    }

    @Override
    protected void observeInstructionCount(int instructionCount) {
        if (budget != null) {
            budget.tick(instructionCount);
        }
    }
}
