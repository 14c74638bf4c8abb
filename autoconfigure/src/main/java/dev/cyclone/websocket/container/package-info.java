/**
 * The container layer: everything that differs between the servlet containers the starter
 * runs on (Tomcat and Jetty), behind
 * {@link dev.cyclone.websocket.container.ServletContainer}, with one implementation per
 * container chosen once by auto-configuration. The only place that names a container's
 * classes.
 */
package dev.cyclone.websocket.container;
