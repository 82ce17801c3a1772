/** Master and worker runner implementations (protocol §4, §5). */
package dev.locustj.runners.internal;
