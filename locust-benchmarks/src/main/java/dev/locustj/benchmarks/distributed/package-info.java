/**
 * Benchmarks of distributed runs (issue 6, "Scale"): {@link dev.locustj.benchmarks.distributed.MasterCost} (the
 * master's CPU with many simulated workers) and {@link dev.locustj.benchmarks.distributed.WorkerOverhead} (a worker's
 * CPU per request against a local run of the same test). Each main prints one {@code RESULT} line. Loopback only.
 */
package dev.locustj.benchmarks.distributed;
