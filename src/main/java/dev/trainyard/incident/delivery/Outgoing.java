package dev.trainyard.incident.delivery;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP POST of a notice in a sink's format.
 */
record Outgoing(URI uri, byte[] body, Map<String, String> headers) {
}
