package dev.locustj.integration;

import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.User;
import dev.locustj.runners.DistributedRunners;
import dev.locustj.runners.MasterOptions;
import dev.locustj.runners.internal.protocol.DecodeResult;
import dev.locustj.runners.internal.protocol.MsgpackCodec;
import dev.locustj.runners.internal.protocol.WireMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Python worker whose master was replaced by a Java master that never knew it: the Java master's one
 * {@code reconnect {"register": true}} only makes it reset its connection (Locust's behaviour), without an error.
 */
@Timeout(120)
class RestartedMasterInteropTest {

    @BeforeAll
    static void python() {
        PythonLocust.assumeInstalled();
    }

    @Test
    void aPythonWorkerToldToReconnectByARestartedJavaMasterResetsItsConnectionQuietly(@TempDir Path dir)
            throws Exception {
        int port = PythonLocust.freePort();
        try (PythonLocust py = new PythonLocust(dir); ZContext ctx = new ZContext()) {
            // the first master: a raw ROUTER that acks the worker and then disappears
            ZMQ.Socket first = ctx.createSocket(SocketType.ROUTER);
            first.setLinger(0);
            first.setReceiveTimeOut(40_000);
            first.bind("tcp://127.0.0.1:" + port);
            Process worker = py.start("w", "--worker", "--master-host", "127.0.0.1", "--master-port",
                    String.valueOf(port));
            byte[] identity = first.recv(0);
            assertThat(identity).as("client_ready from the Python worker; log: %s", py.log("w")).isNotNull();
            WireMessage ready = ((DecodeResult.Ok) MsgpackCodec.decode(first.recv(0))).message();
            assertThat(ready.type()).isEqualTo("client_ready");
            first.sendMore(identity);
            first.send(MsgpackCodec.encode(new WireMessage("ack", Map.of("index", 0), ready.nodeId())), 0);
            Thread.sleep(500);
            first.close();

            Environment env = Environment.builder().userClasses(List.<Class<? extends User>>of(
                    PythonInteropTest.Requester.class)).options(Map.of("headless", "false")).build();
            Runner master = null;
            for (int attempt = 0; master == null; attempt++) {
                try {
                    master = DistributedRunners.master(env, MasterOptions.defaults().withBindHost("127.0.0.1")
                            .withBindPort(port));
                } catch (dev.locustj.core.ConfigurationException busy) {
                    assertThat(attempt).as("the port comes free").isLessThan(50);
                    Thread.sleep(100);
                }
            }
            try {
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (!py.log("w").contains("Received reconnect message from master")) {
                    assertThat(System.nanoTime()).as("the reconnect reached the worker; log: %s", py.log("w"))
                            .isLessThan(deadline);
                    Thread.sleep(100);
                }
                Thread.sleep(2000); // more heartbeats: the master asks once only
                assertThat(worker.isAlive()).as(py.log("w")).isTrue();
                assertThat(py.log("w")).doesNotContain("Traceback");
                assertThat(py.log("w").split("Received reconnect message from master", -1)).hasSize(2);
            } finally {
                master.quit();
            }
        }
    }
}
