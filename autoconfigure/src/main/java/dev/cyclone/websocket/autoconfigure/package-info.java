/**
 * Auto-configuration: the {@code cyclone.websocket.*} properties, per-connection handler
 * beans, the mapping of handlers to paths and its startup checks.
 */
package dev.cyclone.websocket.autoconfigure;
