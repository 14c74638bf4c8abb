/**
 * The container layer on Tomcat: legacy connections on Tomcat's internal upgrade API,
 * which hands over the socket itself, so that a connection is read and written without a
 * thread held or a socket buffer kept, and closed from any thread; RFC 6455 sessions
 * written straight to their socket and trimmed for idle connections; the buffer-size
 * opt-ins.
 */
package dev.cyclone.websocket.container.tomcat;
