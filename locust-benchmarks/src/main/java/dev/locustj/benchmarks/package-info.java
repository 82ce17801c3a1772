/**
 * JMH benchmarks of the hot path (request recording, task pick, one HTTP round trip) and {@link
 * dev.locustj.benchmarks.HttpLoad}, a closed-loop load generator on virtual threads. Not part of the product.
 */
package dev.locustj.benchmarks;
