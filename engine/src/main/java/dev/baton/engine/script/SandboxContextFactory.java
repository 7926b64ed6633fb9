package dev.baton.engine.script;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;

/** Makes {@link SandboxContext}s and switches off every Rhino feature that reaches beyond ECMAScript. */
final class SandboxContextFactory extends ContextFactory {
    private final int maxStackDepth;

    SandboxContextFactory(int maxStackDepth) {
        this.maxStackDepth = maxStackDepth;
    }

    @Override
    protected Context makeContext() {
        return new SandboxContext(this, maxStackDepth);
    }

    @Override
    protected boolean hasFeature(Context cx, int featureIndex) {
        switch (featureIndex) {
            case Context.FEATURE_E4X:
            case Context.FEATURE_ENHANCED_JAVA_ACCESS:
            case Context.FEATURE_ENABLE_JAVA_MAP_ACCESS:
            case Context.FEATURE_DYNAMIC_SCOPE:
            case Context.FEATURE_JAVA_SERIALIZATION:
            case Context.FEATURE_INTL_402:
                return false;
            case Context.FEATURE_LOCATION_INFORMATION_IN_ERROR:
                return true;
            default:
                return super.hasFeature(cx, featureIndex);
        }
    }
}
