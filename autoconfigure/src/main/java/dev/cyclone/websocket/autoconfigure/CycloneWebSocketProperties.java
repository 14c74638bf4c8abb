package dev.cyclone.websocket.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.adapter.OverflowPolicy;
import dev.cyclone.websocket.hixie76.HixieDraft;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of cyclone-style WebSocket handlers.
 */
@ConfigurationProperties("cyclone.websocket")
public class CycloneWebSocketProperties {

	/**
	 * Whether to serve the mapped WebSocket handlers.
	 */
	private boolean enabled = true;

	/**
	 * Origins allowed to connect besides the server's own, for every handler without its
	 * own list. "*" allows all; "null" admits clients that send "Origin: null".
	 */
	private List<String> allowedOrigins = new ArrayList<>();

	/**
	 * Origin patterns allowed to connect besides the server's own, such as
	 * "https://*.example.com", for every handler without its own list.
	 */
	private List<String> allowedOriginPatterns = new ArrayList<>();

	/**
	 * Largest message accepted from a client, in bytes (UTF-8 bytes for text), on every
	 * protocol; a Hixie frame is a message. A larger one closes the connection, with 1009
	 * on RFC 6455.
	 */
	private DataSize maxMessageSize = DataSize.ofKilobytes(64);

	/**
	 * Size of the container's buffers that receive each RFC 6455 connection's messages
	 * (on Tomcat a binary buffer of this many bytes and a text buffer of this many
	 * characters; Jetty keeps none per connection), so that idle connections hold little.
	 * A larger message arrives in parts, assembled up to max-message-size, and from the
	 * next message on its connection gets the container's usual buffers (Tomcat: 8 KB).
	 * At least 128 bytes.
	 */
	private DataSize messageBufferSize = DataSize.ofBytes(512);

	/**
	 * Most connections open at once over all handlers and protocols; a handshake over it
	 * is refused with 503. When unset, the web server's own connection limit less a tenth
	 * of it (at least one), so that WebSockets never take the slots plain HTTP needs
	 * (Tomcat's default of 8,192 gives 7,373); no limit when the web server has none
	 * (Jetty's default).
	 */
	private @Nullable Integer maxConnections;

	/**
	 * Whether RFC 6455 connections may negotiate permessage-deflate compression when the
	 * client offers it. Each compressed connection holds native zlib state, and
	 * compression of secrets next to attacker-chosen text leaks them, so it is off unless
	 * enabled.
	 */
	private boolean permessageDeflate;

	/**
	 * Most outbound payload queued per connection, in bytes (UTF-8 bytes for text),
	 * before the peer counts as too slow and is closed with 4500.
	 */
	private DataSize sendBufferLimit = DataSize.ofMegabytes(1);

	/**
	 * Longest a single outbound write may take before the peer counts as too slow and is
	 * closed with 4500.
	 */
	private Duration sendTimeLimit = Duration.ofSeconds(10);

	/**
	 * Longest a connection keeps its socket once the server closes it (a timeout,
	 * close(), a slow peer, shutdown): then the socket is closed whether or not the peer
	 * took the close frame or answered it.
	 */
	private Duration closeTimeout = Duration.ofSeconds(5);

	/**
	 * What happens when a peer's outbound buffer is full: close the connection with 4500,
	 * or drop its oldest queued messages.
	 */
	private OverflowPolicy sendOverflow = OverflowPolicy.CLOSE;

	/**
	 * How long a peer may send nothing (no message, no pong) before its connection is
	 * closed with 1001. No limit when unset.
	 */
	private @Nullable Duration idleTimeout;

	/**
	 * How often to ping RFC 6455 peers that sent nothing in the meantime. No pings when
	 * unset.
	 */
	private @Nullable Duration pingInterval;

	/**
	 * How long a pong may take before the connection is closed with 1001. Defaults to
	 * three ping intervals, at least 30 seconds.
	 */
	private @Nullable Duration pingTimeout;

	/**
	 * How long the shutdown waits for open connections to flush their queued messages and
	 * close with 1001.
	 */
	private Duration shutdownGracePeriod = Duration.ofSeconds(5);

	/**
	 * The legacy Hixie-76 and Hixie-75 protocols.
	 */
	private final Hixie hixie = new Hixie();

	/**
	 * Broadcasts across application instances through Redis pub/sub.
	 */
	public static class Cluster {

		/**
		 * Whether broadcasts to a ConnectionSelector reach the connections of every
		 * instance, through Redis as spring.data.redis.* configures it (needs
		 * spring-boot-starter-data-redis with Lettuce).
		 */
		private boolean enabled;

		/**
		 * Redis pub/sub channel of the instances that share broadcasts. Defaults to
		 * "cyclone-websocket:" followed by spring.application.name (or "application"), so
		 * that two applications on one Redis stay apart.
		 */
		private @Nullable String channel;

		/**
		 * Largest message published or accepted on the channel, encoded; larger
		 * broadcasts reach this instance's connections only and count as failed.
		 */
		private DataSize maxMessageSize = DataSize.ofMegabytes(1);

		/**
		 * How often each instance announces itself and its connection counts.
		 */
		private Duration announceInterval = Duration.ofSeconds(5);

		/**
		 * How long a broadcast may wait to be published, and then for Redis's answer; a
		 * later one counts as failed and is never published.
		 */
		private Duration publishTimeout = Duration.ofSeconds(5);

		/**
		 * After how long without an announcement another instance is taken as gone, and
		 * after how long without hearing its own announcements an instance subscribes
		 * again.
		 */
		private Duration instanceTimeout = Duration.ofSeconds(15);

		/**
		 * How many messages may wait to be published; beyond that, broadcasts reach this
		 * instance's connections only and count as failed.
		 */
		private int publishQueueCapacity = 10_000;

		/**
		 * How many broadcasts of other instances may wait to be queued on this instance's
		 * connections; beyond that they are dropped and counted.
		 */
		private int deliveryQueueCapacity = 10_000;

		/**
		 * Most bytes of messages waiting in each of the two queues (to publish, to
		 * deliver); beyond that, messages are treated as when the queue is full.
		 */
		private DataSize bufferLimit = DataSize.ofMegabytes(16);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getChannel() {
			return this.channel;
		}

		public void setChannel(@Nullable String channel) {
			this.channel = channel;
		}

		public DataSize getMaxMessageSize() {
			return this.maxMessageSize;
		}

		public void setMaxMessageSize(DataSize maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
		}

		public Duration getAnnounceInterval() {
			return this.announceInterval;
		}

		public void setAnnounceInterval(Duration announceInterval) {
			this.announceInterval = announceInterval;
		}

		public Duration getPublishTimeout() {
			return this.publishTimeout;
		}

		public void setPublishTimeout(Duration publishTimeout) {
			this.publishTimeout = publishTimeout;
		}

		public Duration getInstanceTimeout() {
			return this.instanceTimeout;
		}

		public void setInstanceTimeout(Duration instanceTimeout) {
			this.instanceTimeout = instanceTimeout;
		}

		public int getPublishQueueCapacity() {
			return this.publishQueueCapacity;
		}

		public void setPublishQueueCapacity(int publishQueueCapacity) {
			this.publishQueueCapacity = publishQueueCapacity;
		}

		public int getDeliveryQueueCapacity() {
			return this.deliveryQueueCapacity;
		}

		public void setDeliveryQueueCapacity(int deliveryQueueCapacity) {
			this.deliveryQueueCapacity = deliveryQueueCapacity;
		}

		public DataSize getBufferLimit() {
			return this.bufferLimit;
		}

		public void setBufferLimit(DataSize bufferLimit) {
			this.bufferLimit = bufferLimit;
		}

	}

	/**
	 * Opt-ins for Tomcat servers that hold many idle connections.
	 */
	private final Tomcat tomcat = new Tomcat();

	/**
	 * Broadcasts across application instances through Redis.
	 */
	private final Cluster cluster = new Cluster();

	/**
	 * Handlers by bean name (a cyclone or a plain Spring WebSocketHandler bean). Under
	 * each name: 'paths' (required), 'subprotocols', 'allowed-origins',
	 * 'allowed-origin-patterns', 'hixie-enabled' and 'max-connections'.
	 */
	private Map<String, Handler> handlers = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

	public List<String> getAllowedOriginPatterns() {
		return this.allowedOriginPatterns;
	}

	public void setAllowedOriginPatterns(List<String> allowedOriginPatterns) {
		this.allowedOriginPatterns = allowedOriginPatterns;
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public DataSize getMessageBufferSize() {
		return this.messageBufferSize;
	}

	public void setMessageBufferSize(DataSize messageBufferSize) {
		this.messageBufferSize = messageBufferSize;
	}

	public Hixie getHixie() {
		return this.hixie;
	}

	public Cluster getCluster() {
		return this.cluster;
	}

	public Tomcat getTomcat() {
		return this.tomcat;
	}

	public @Nullable Integer getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(@Nullable Integer maxConnections) {
		this.maxConnections = maxConnections;
	}

	public boolean isPermessageDeflate() {
		return this.permessageDeflate;
	}

	public void setPermessageDeflate(boolean permessageDeflate) {
		this.permessageDeflate = permessageDeflate;
	}

	public DataSize getSendBufferLimit() {
		return this.sendBufferLimit;
	}

	public void setSendBufferLimit(DataSize sendBufferLimit) {
		this.sendBufferLimit = sendBufferLimit;
	}

	public Duration getSendTimeLimit() {
		return this.sendTimeLimit;
	}

	public void setSendTimeLimit(Duration sendTimeLimit) {
		this.sendTimeLimit = sendTimeLimit;
	}

	public Duration getCloseTimeout() {
		return this.closeTimeout;
	}

	public void setCloseTimeout(Duration closeTimeout) {
		this.closeTimeout = closeTimeout;
	}

	public OverflowPolicy getSendOverflow() {
		return this.sendOverflow;
	}

	public void setSendOverflow(OverflowPolicy sendOverflow) {
		this.sendOverflow = sendOverflow;
	}

	public @Nullable Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(@Nullable Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public @Nullable Duration getPingInterval() {
		return this.pingInterval;
	}

	public void setPingInterval(@Nullable Duration pingInterval) {
		this.pingInterval = pingInterval;
	}

	public @Nullable Duration getPingTimeout() {
		return this.pingTimeout;
	}

	public void setPingTimeout(@Nullable Duration pingTimeout) {
		this.pingTimeout = pingTimeout;
	}

	public Duration getShutdownGracePeriod() {
		return this.shutdownGracePeriod;
	}

	public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
		this.shutdownGracePeriod = shutdownGracePeriod;
	}

	public Map<String, Handler> getHandlers() {
		return this.handlers;
	}

	public void setHandlers(Map<String, Handler> handlers) {
		this.handlers = handlers;
	}

	/**
	 * Opt-ins for Tomcat servers that hold many idle connections: smaller buffers per
	 * connection, at some cost in system calls and copies for large messages.
	 */
	public static class Tomcat {

		/**
		 * Size of the input, output and encoder buffers Tomcat's WebSocket implementation
		 * gives every RFC 6455 connection (8 KB when unset). Set JVM-wide through the
		 * system property org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE before Tomcat
		 * starts; Tomcat reads it once, so a JVM that loaded Tomcat's WebSocket classes
		 * before keeps its size (logged), and an explicit -D wins.
		 */
		private @Nullable DataSize bufferSize;

		/**
		 * Size of the connector's socket read and write buffers, for every connection,
		 * plain HTTP included (Tomcat's socket.appReadBufSize and socket.appWriteBufSize,
		 * 8 KB when unset).
		 */
		private @Nullable DataSize socketBufferSize;

		public @Nullable DataSize getBufferSize() {
			return this.bufferSize;
		}

		public void setBufferSize(@Nullable DataSize bufferSize) {
			this.bufferSize = bufferSize;
		}

		public @Nullable DataSize getSocketBufferSize() {
			return this.socketBufferSize;
		}

		public void setSocketBufferSize(@Nullable DataSize socketBufferSize) {
			this.socketBufferSize = socketBufferSize;
		}

	}

	/**
	 * Settings of the legacy Hixie protocols.
	 */
	public static class Hixie {

		/**
		 * Whether to accept Hixie-76 and Hixie-75 handshakes on the paths of the mapped
		 * handlers.
		 */
		private boolean enabled = true;

		/**
		 * Which drafts to accept: hixie-75, hixie-76 or both.
		 */
		private Set<HixieDraft> drafts = EnumSet.allOf(HixieDraft.class);

		/**
		 * How long a Hixie-76 client may take to send the 8 bytes of key3 after the
		 * request head.
		 */
		private Duration handshakeTimeout = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Set<HixieDraft> getDrafts() {
			return this.drafts;
		}

		public void setDrafts(Set<HixieDraft> drafts) {
			this.drafts = drafts;
		}

		public Duration getHandshakeTimeout() {
			return this.handshakeTimeout;
		}

		public void setHandshakeTimeout(Duration handshakeTimeout) {
			this.handshakeTimeout = handshakeTimeout;
		}

	}

	/**
	 * The mapping of one handler bean.
	 */
	public static class Handler {

		/**
		 * Paths or path patterns the handler serves, such as "/websocket" or
		 * "/chat/{room}".
		 */
		private List<String> paths = new ArrayList<>();

		/**
		 * Origins allowed to connect to this handler besides the server's own; replaces
		 * the global list when set.
		 */
		private @Nullable List<String> allowedOrigins;

		/**
		 * Origin patterns allowed to connect to this handler; replaces the global list
		 * when set.
		 */
		private @Nullable List<String> allowedOriginPatterns;

		/**
		 * Subprotocols the handler speaks; the first one the client requests that is
		 * listed here is selected.
		 */
		private List<String> subprotocols = new ArrayList<>();

		/**
		 * Whether this handler also accepts the Hixie drafts; defaults to
		 * cyclone.websocket.hixie.enabled.
		 */
		private @Nullable Boolean hixieEnabled;

		/**
		 * Most connections of this handler open at once; a handshake over it is refused
		 * with 503. No limit of its own when unset.
		 */
		private @Nullable Integer maxConnections;

		public List<String> getPaths() {
			return this.paths;
		}

		public void setPaths(List<String> paths) {
			this.paths = paths;
		}

		public @Nullable List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(@Nullable List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

		public @Nullable List<String> getAllowedOriginPatterns() {
			return this.allowedOriginPatterns;
		}

		public void setAllowedOriginPatterns(@Nullable List<String> allowedOriginPatterns) {
			this.allowedOriginPatterns = allowedOriginPatterns;
		}

		public List<String> getSubprotocols() {
			return this.subprotocols;
		}

		public void setSubprotocols(List<String> subprotocols) {
			this.subprotocols = subprotocols;
		}

		public @Nullable Boolean getHixieEnabled() {
			return this.hixieEnabled;
		}

		public void setHixieEnabled(@Nullable Boolean hixieEnabled) {
			this.hixieEnabled = hixieEnabled;
		}

		public @Nullable Integer getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(@Nullable Integer maxConnections) {
			this.maxConnections = maxConnections;
		}

	}

}
