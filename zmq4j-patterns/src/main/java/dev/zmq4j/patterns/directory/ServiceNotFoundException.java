package dev.zmq4j.patterns.directory;

import dev.zmq4j.ZmqException;
import java.time.Duration;

/** No endpoint of a service was heard within the time {@link ServiceDirectory#await} waited. */
public final class ServiceNotFoundException extends ZmqException {
    private static final long serialVersionUID = 1L;

    /** The name that was looked for. */
    private final String service;

    ServiceNotFoundException(String service, Duration timeout, String where) {
        super("service \"" + service + "\" not found within " + timeout + " (" + where + ")");
        this.service = service;
    }

    /** {@return the name that was looked for} */
    public String service() {
        return service;
    }
}
