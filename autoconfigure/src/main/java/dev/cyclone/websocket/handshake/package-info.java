/**
 * Handshake steps every protocol shares: the origin policy and its check.
 */
package dev.cyclone.websocket.handshake;
