package dev.locustj.core.internal;

/** PLACEHOLDER: the local runner, being written. */
public final class LocalRunner extends AbstractRunnerStub {
    LocalRunner(DefaultEnvironment env) {
        super(env);
    }
}
