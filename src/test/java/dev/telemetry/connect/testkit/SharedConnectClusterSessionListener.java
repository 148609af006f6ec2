package dev.telemetry.connect.testkit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the {@link SharedConnectCluster} when the JUnit Platform session of a test JVM ends, after its last class
 * (registered in {@code META-INF/services}). Surefire and Failsafe open one session per fork; a session in which no
 * class took the cluster stops nothing.
 */
public final class SharedConnectClusterSessionListener implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        try {
            SharedConnectCluster.stopAtSessionEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
