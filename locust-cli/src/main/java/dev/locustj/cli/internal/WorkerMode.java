package dev.locustj.cli.internal;

import dev.locustj.cli.LocustOptions;
import dev.locustj.core.Environment;
import dev.locustj.core.Events;
import dev.locustj.core.Runner;
import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.runners.DistributedRunners;
import dev.locustj.runners.WorkerOptions;

/**
 * A worker (DIST-01/02, CLI-32..35): connects to {@code --master-host:--master-port}, runs the users the master
 * asks for, and ends when the master quits or goes away. Ctrl-C/SIGTERM tell the master goodbye (RUN-53).
 */
final class WorkerMode implements RunMode {

    @Override
    public int run(Launch launch) throws InterruptedException {
        LocustOptions o = launch.options();
        Environment env = launch.env();
        Runner worker = DistributedRunners.worker(env,
                WorkerOptions.defaults().withMaster(o.masterHost(), o.masterPort()));
        env.events().init().fire(new Events.EnvironmentEvent(env));
        if (env instanceof DefaultEnvironment d && d.defaultEvents().unhandledError()) {
            launch.err().println("An init event listener failed (see the log above); not starting");
            worker.quit();
            return 1;
        }
        Session session = new Session(o, env, worker, launch.out());
        session.installSignalHandlers();
        worker.await();
        return session.shutdown();
    }
}
