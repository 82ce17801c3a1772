/** Master and worker runners, wire-compatible with Locust 2.x. */
package dev.locustj.runners;
