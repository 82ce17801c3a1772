package dev.locustj.core.spi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** This machine's name as Python's {@code socket.gethostname()} gives it: the kernel's name, no DNS lookup. */
public final class LocalHostName {

    private LocalHostName() {
    }

    /**
     * The kernel's host name; without {@code /proc}, the {@code HOSTNAME} or {@code COMPUTERNAME} variable, then the
     * resolver's name for the local address, then {@code localhost}.
     */
    public static String get() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException | RuntimeException e) {
            String env = Optional.ofNullable(System.getenv("HOSTNAME")).orElse(System.getenv("COMPUTERNAME"));
            if (env != null && !env.isBlank()) {
                return env.trim();
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException u) {
                return "localhost";
            }
        }
    }
}
