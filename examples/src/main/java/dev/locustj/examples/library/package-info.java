/** Examples: library. */
package dev.locustj.examples.library;
