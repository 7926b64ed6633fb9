package dev.baton.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * How busy the JIT compilers are. On two cores a C2 compiler still at work takes about half a core
 * from the run, so a window measured before the JIT settles measures the warm-up, not Baton.
 */
final class Jit {
    private static final CompilationMXBean BEAN = ManagementFactory.getCompilationMXBean();

    private Jit() {}

    /** Milliseconds the JIT compilers have spent so far, or -1 when the JVM does not say. */
    static long compileMillis() {
        return BEAN != null && BEAN.isCompilationTimeMonitoringSupported() ? BEAN.getTotalCompilationTime() : -1;
    }
}
