/**
 * Handshake steps every protocol shares: the origin policy and its check, the connection
 * limits, the lookup of the request handler mapped to a path, and the compression switch.
 */
package dev.cyclone.websocket.handshake;
