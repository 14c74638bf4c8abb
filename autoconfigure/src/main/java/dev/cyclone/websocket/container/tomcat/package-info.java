/**
 * The container layer on Tomcat: legacy connections on Tomcat's internal upgrade API,
 * which hands over the socket itself, so that a connection is read and written without a
 * thread held and closed from any thread.
 */
package dev.cyclone.websocket.container.tomcat;
