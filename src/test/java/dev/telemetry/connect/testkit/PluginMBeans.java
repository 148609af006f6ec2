package dev.telemetry.connect.testkit;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The plugin metrics of the in-process worker as an operator reads them: the MBeans {@code
 * kafka.connect:type=plugins,<tags>} of this JVM's platform MBean server, where Connect's JMX reporter puts them.
 * {@code tags} is the key list after the type, in Connect's order: {@code connector=c,task=0[,own=value...]}.
 */
public final class PluginMBeans {

    private static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(90);

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    /** The attribute's value now; fails if the MBean is not registered. */
    public double value(String tags, String attribute) throws Exception {
        return ((Number) jmx.getAttribute(objectName(tags), attribute)).doubleValue();
    }

    /** The names of the MBean's attributes. */
    public Set<String> attributes(String tags) throws Exception {
        Set<String> names = new TreeSet<>();
        for (var info : jmx.getMBeanInfo(objectName(tags)).getAttributes()) {
            names.add(info.getName());
        }
        return names;
    }

    /** The key lists of every plugin MBean registered now. */
    public Set<String> keyLists() throws Exception {
        Set<String> keyLists = new TreeSet<>();
        for (ObjectName name : jmx.queryNames(objectName("*"), null)) {
            keyLists.add(name.getKeyPropertyListString());
        }
        return keyLists;
    }

    public void awaitValue(String tags, String attribute, double expected) throws Exception {
        await(tags, attribute, actual -> actual == expected, String.valueOf(expected));
    }

    public void awaitAtLeast(String tags, String attribute, double least) throws Exception {
        await(tags, attribute, actual -> actual >= least, "at least " + least);
    }

    public void awaitFinite(String tags, String attribute) throws Exception {
        await(tags, attribute, Double::isFinite, "a number");
    }

    /** Polls until the attribute's value holds; an MBean not registered yet (a tag value's first event) is waited for. */
    private void await(String tags, String attribute, DoublePredicate holds, String what) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        double actual = Double.NaN;
        while (System.currentTimeMillis() < deadline) {
            try {
                actual = value(tags, attribute);
                if (holds.test(actual)) {
                    return;
                }
            } catch (InstanceNotFoundException notYet) {
                // registered with its first event
            }
            Thread.sleep(200);
        }
        throw new AssertionError(tags + " " + attribute + ": expected " + what + ", was " + actual);
    }

    private static ObjectName objectName(String tags) throws Exception {
        return new ObjectName("kafka.connect:type=plugins," + tags);
    }
}
