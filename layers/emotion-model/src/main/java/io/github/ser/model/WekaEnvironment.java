package io.github.ser.model;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes Weka safe where there is no home directory and the file system is read-only (Lambda).
 *
 * <p>Weka's package manager runs in a static initialiser (reached from {@code weka.core.Capabilities}, i.e. whenever
 * a classifier is trained) and creates {@code ~/wekafiles/{packages,native,props,repCache}}. Serving a model
 * (reading the header, deserialising, classifying) never reaches it, but training does. So before any Weka class
 * loads we: stop it loading packages and going online ({@code weka.core.loadPackages=false},
 * {@code weka.packageManager.offline=true}), and redirect its home ({@code WEKA_HOME}, read from the environment or
 * system properties by {@code weka.core.Environment}) to the temporary directory unless someone chose one.
 */
public final class WekaEnvironment {

    /** Held strongly: java.util.logging forgets loggers nobody references, and with them their level. */
    private static final Logger NETLIB_LOGGER = Logger.getLogger("com.github.fommil.netlib");

    static {
        setIfAbsent("weka.core.loadPackages", "false");
        setIfAbsent("weka.packageManager.loadPackages", "false");
        setIfAbsent("weka.packageManager.offline", "true");
        if (System.getenv("WEKA_HOME") == null) {
            setIfAbsent("WEKA_HOME", Path.of(System.getProperty("java.io.tmpdir"), "ser-wekafiles").toString());
        }
        // netlib warns on stderr that it found no native BLAS and uses pure Java, which is what we want
        NETLIB_LOGGER.setLevel(Level.SEVERE);
    }

    private WekaEnvironment() {
    }

    /** Call before touching any Weka class; the work happens once, in the static initialiser. */
    public static void ensure() {
        // nothing more: loading this class did it
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
