/** Locust's UsersDispatcher: which worker runs how many users of which class, iteration by iteration (DIST-20..25). */
package dev.locustj.core.internal.dispatch;
