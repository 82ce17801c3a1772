/** Internal use only: the runner, the task model and their helpers. Not an API; may change at any time. */
package dev.locustj.core.internal;
