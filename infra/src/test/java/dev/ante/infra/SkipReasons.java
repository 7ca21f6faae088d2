package dev.ante.infra;

import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Says on the console why a test or a whole suite did not run — a real server's URL not set, an interpreter
 * missing — where the build's summary would only count it as skipped. Registered for the JUnit Platform
 * launcher through {@code META-INF/services}, in this module and, through its test jar, in the platform's.
 */
public final class SkipReasons implements TestExecutionListener {

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        System.out.println("[SKIPPED] " + name(test) + ": " + reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            Optional<Throwable> why = result.getThrowable();
            System.out.println("[SKIPPED] " + name(test) + ": "
                    + why.map(Throwable::getMessage).orElse("aborted without a reason"));
        }
    }

    private static String name(TestIdentifier test) {
        return test.getLegacyReportingName() + (test.isContainer() ? " (whole class)" : "");
    }
}
