/** ZeroMQ sockets (JeroMQ): one I/O thread per socket that only moves frames (protocol §1). */
package dev.locustj.runners.internal.transport;
