package dev.locustj.http;

import dev.locustj.core.StopTest;
import dev.locustj.core.User;
import dev.locustj.http.internal.DefaultHttpSession;

/**
 * A user that makes HTTP requests through its own {@link HttpSession} (Locust's {@code HttpUser}, LF-35).
 *
 * <pre>{@code
 * @Host("http://127.0.0.1:8080")
 * public class Shopper extends HttpUser {
 *     @Override public WaitTime waitTime() { return WaitTime.between(1, 3); }
 *     @Override public void onStart() { client().post("/login", "user=alice"); }
 *     @Task(3) public void browse() { client().get("/items"); }
 *     @Task public void item() { client().get("/item/" + (1 + userId() % 10), opt -> opt.name("/item/[id]")); }
 * }
 * }</pre>
 *
 * <p><b>Fast by default.</b> There is no separate {@code FastHttpUser}: this session is already built for speed
 * (Netty, one keep-alive connection per user, no thread per user, no per-request executor), so it plays the role of
 * both of Locust's HTTP users with {@code HttpUser}'s semantics (requests-like API, certificates verified unless
 * {@link HttpSettings#insecure()} is set).
 *
 * <p>The session is created on the first call to {@link #client()}, with {@link #host()} (the {@code --host} option,
 * else the class's {@link dev.locustj.core.Host @Host}) as base URL and {@link #httpSettings()} as settings. Without
 * a host, {@code client()} throws {@link StopTest}, which stops the whole test (LF-21, as newest Locust does).
 * Connections are closed when the test stops or when the user is garbage collected.
 */
public abstract class HttpUser extends User {

    private volatile HttpSession client;

    /** Creates the user; called by the runner. */
    protected HttpUser() {
        super();
    }

    /**
     * This user's HTTP session (Locust's {@code self.client}), created on first use.
     *
     * @throws StopTest when no host is set (neither {@code --host} nor {@code @Host})
     */
    public final HttpSession client() {
        HttpSession c = client;
        if (c == null) {
            c = createClient();
        }
        return c;
    }

    private synchronized HttpSession createClient() {
        HttpSession c = client;
        if (c == null) {
            String host = host();
            if (host == null || host.isBlank()) {
                throw new StopTest("You must specify the base host. Either in the host attribute in the User class ("
                        + getClass().getSimpleName() + ", @Host), or on the command line using the --host option.");
            }
            c = DefaultHttpSession.forUser(this, environment(), host, httpSettings());
            client = c;
        }
        return c;
    }

    /**
     * The settings of this user's session (timeouts, redirects, TLS, default headers). Override to change them;
     * called once, when the session is created.
     */
    protected HttpSettings httpSettings() {
        return HttpSettings.defaults();
    }
}
