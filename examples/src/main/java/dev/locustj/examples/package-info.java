/** Example user classes, compiled and run in every build. */
package dev.locustj.examples;
