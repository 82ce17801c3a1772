package dev.locustj.core;

/** Handles custom messages of one type; see {@link Runner#registerMessage(String, MessageHandler)}. */
@FunctionalInterface
public interface MessageHandler {
    /** Called with the receiving environment and the message. */
    void handle(Environment environment, Message message);
}
