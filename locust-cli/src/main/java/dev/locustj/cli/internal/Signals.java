package dev.locustj.cli.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Installs handlers for SIGTERM and SIGINT (RUN-51, RUN-52) through {@code sun.misc.Signal}, looked up
 * reflectively (it is in jdk.unsupported; a direct reference would be a compiler warning). Returns false when
 * the JVM does not offer it; a shutdown hook is then the only safety net.
 */
final class Signals {

    private Signals() {
    }

    /** Runs {@code handler} (on a JVM signal thread) when the named signal ("TERM", "INT") arrives. */
    static boolean handle(String signal, Runnable handler) {
        try {
            Class<?> sigClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object sig = sigClass.getConstructor(String.class).newInstance(signal);
            Object proxy = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (p, m, a) -> switch (m.getName()) {
                        case "handle" -> {
                            handler.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(p);
                        case "equals" -> p == a[0];
                        case "toString" -> "locust signal handler " + signal;
                        default -> null;
                    });
            sigClass.getMethod("handle", sigClass, handlerClass).invoke(null, sig, proxy);
            return true;
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException | IllegalArgumentException e) {
            return false;
        }
    }
}
