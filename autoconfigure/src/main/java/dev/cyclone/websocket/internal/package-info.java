/**
 * Not API: what the starter's transports and test support need from the public types,
 * kept out of the public package. Applications must not use it; it changes without
 * notice.
 */
package dev.cyclone.websocket.internal;
