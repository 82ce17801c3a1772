/**
 * Service provider interface shared by Locust for Java's own modules; not for user code; may change between
 * versions.
 */
package dev.locustj.core.spi;
