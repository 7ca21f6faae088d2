package dev.ante.api.timeseries;

/** The embedded QuestDB could not bind one of its ports: something else listens there. */
public class QuestDbPortInUseException extends RuntimeException {

    private final String address;
    private final String property;

    public QuestDbPortInUseException(String address, String property, Throwable cause) {
        super("the embedded QuestDB cannot listen on " + address + ": the port is in use", cause);
        this.address = address;
        this.property = property;
    }

    /** The address it tried, {@code host:port}. */
    public String address() {
        return address;
    }

    /** The setting that chooses that port. */
    public String property() {
        return property;
    }
}
