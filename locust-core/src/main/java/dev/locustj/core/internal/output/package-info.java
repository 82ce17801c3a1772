/**
 * Internal: the stats outputs (console tables, CSV files, JSON), all views of one
 * {@link dev.locustj.core.StatsSnapshot}, with Locust's exact formats (OUT-01..31). Not an API.
 */
package dev.locustj.core.internal.output;
