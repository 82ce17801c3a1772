/** Examples: shape. */
package dev.locustj.examples.shape;
