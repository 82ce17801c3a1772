package dev.locustj.runners.internal;

import org.slf4j.Logger;

/**
 * The master's check of the version a worker sends in {@code client_ready} (protocol §10), with the newest Locust's
 * messages and levels: falsy versions are refused; another minor version is a warning, another patch version DEBUG.
 */
final class WorkerVersionCheck {

    private WorkerVersionCheck() {
    }

    /** Whether the worker may register; logs what Locust's master logs. */
    static boolean accept(String identity, Object version, String masterVersion, Logger log, SenderLog senders) {
        if (version == null || Boolean.FALSE.equals(version) || Long.valueOf(0).equals(version)) {
            log.error("An old (pre 2.0) worker tried to connect ({}). That's not going to work.", identity);
            return false;
        }
        if (!(version instanceof String) && !Long.valueOf(-1).equals(version)) {
            senders.warnOnce(identity, "version", "Worker " + identity + " sent a version that is neither a string "
                    + "nor -1: " + version + "; accepting it");
        } else if ("".equals(version)) {
            senders.warnOnce(identity, "version", "Worker " + identity + " sent an empty version (Debian's Locust "
                    + "2.12.1 does); accepting it as 2.12");
        } else if (version instanceof String v && !v.equals(masterVersion)) {
            if (v.length() >= 4 && v.substring(0, 4).equals(masterVersion.substring(0, 4))) {
                log.debug("A worker ({}) running a different patch version ({}) connected, master version is {}",
                        identity, v, masterVersion);
            } else {
                log.warn("A worker ({}) running a different version ({}) connected, master version is {}", identity,
                        v, masterVersion);
            }
        }
        return true;
    }
}
