/**
 * User classes of the side-by-side bench ({@code locust-benchmarks/compare.sh}), equivalent to the Python
 * locustfiles in {@code /work/shared/bench/locustfiles}; loaded by {@code bin/locust -f
 * locust-benchmarks/target/locust-benchmarks.jar HttpHello}.
 */
package dev.locustj.benchmarks.users;
