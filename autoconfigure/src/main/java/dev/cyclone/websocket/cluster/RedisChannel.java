package dev.cyclone.websocket.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisSocketConfiguration;
import org.springframework.data.redis.connection.Subscription;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The cluster's Redis pub/sub channel, on connections of its own: a Lettuce connection
 * factory with the settings of the application's (servers, credentials, TLS, client
 * resources), except that commands are rejected while disconnected instead of queued
 * (Lettuce's default would publish old broadcasts minutes later, after an outage) and
 * time out within the cluster's command timeout. The application's own factory and its
 * options stay as they are.
 */
final class RedisChannel implements AutoCloseable {

	private final LettuceConnectionFactory factory;

	private final byte[] channel;

	private final String description;

	private volatile @Nullable RedisConnection subscriber;

	/**
	 * Create the channel's connection factory; nothing connects yet.
	 * @param application the application's factory, whose settings are copied
	 * @param channel the channel's name
	 * @param commandTimeout the longest a command may wait for Redis
	 * @param requestQueueSize the most commands a connection may hold unanswered
	 */
	RedisChannel(LettuceConnectionFactory application, String channel, Duration commandTimeout, int requestQueueSize) {
		this.factory = new LettuceConnectionFactory(serverConfiguration(application),
				clientConfiguration(application, commandTimeout, requestQueueSize));
		this.factory.afterPropertiesSet();
		this.factory.start();
		this.channel = channel.getBytes(StandardCharsets.UTF_8);
		this.description = "channel '" + channel + "' on Redis " + describe(application);
	}

	private static RedisConfiguration serverConfiguration(LettuceConnectionFactory application) {
		if (application.isClusterAware()) {
			return application.getClusterConfiguration();
		}
		if (application.isRedisSentinelAware()) {
			return application.getSentinelConfiguration();
		}
		RedisSocketConfiguration socket = application.getSocketConfiguration();
		return (socket != null) ? socket : application.getStandaloneConfiguration();
	}

	private static LettuceClientConfiguration clientConfiguration(LettuceConnectionFactory application,
			Duration commandTimeout, int requestQueueSize) {
		LettuceClientConfiguration settings = application.getClientConfiguration();
		LettuceClientConfiguration.LettuceClientConfigurationBuilder builder = LettuceClientConfiguration.builder();
		if (settings.isUseSsl()) {
			LettuceClientConfiguration.LettuceSslClientConfigurationBuilder ssl = builder.useSsl()
				.verifyPeer(settings.getVerifyMode());
			if (settings.isStartTls()) {
				ssl.startTls();
			}
			builder = ssl.and();
		}
		settings.getClientResources().ifPresent(builder::clientResources);
		settings.getReadFrom().ifPresent(builder::readFrom);
		settings.getRedisCredentialsProviderFactory().ifPresent(builder::redisCredentialsProviderFactory);
		settings.getClientName().ifPresent(builder::clientName);
		ClientOptions options = settings.getClientOptions()
			.orElseGet(() -> application.isClusterAware() ? ClusterClientOptions.create() : ClientOptions.create());
		Duration timeout = settings.getCommandTimeout().compareTo(commandTimeout) < 0 ? settings.getCommandTimeout()
				: commandTimeout;
		return builder
			.clientOptions(
					options.mutate().disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build())
			.commandTimeout(timeout)
			.shutdownTimeout(settings.getShutdownTimeout())
			.shutdownQuietPeriod(settings.getShutdownQuietPeriod())
			.build();
	}

	private static String describe(LettuceConnectionFactory application) {
		if (application.isClusterAware()) {
			return "cluster " + application.getClusterConfiguration().getClusterNodes();
		}
		if (application.isRedisSentinelAware()) {
			return "sentinel master '" + application.getSentinelConfiguration().getMaster() + "'";
		}
		RedisSocketConfiguration socket = application.getSocketConfiguration();
		return (socket != null) ? socket.getSocket() : application.getHostName() + ":" + application.getPort();
	}

	/**
	 * The commands of the connection that publishes, connecting first when needed (which
	 * may wait up to the connect timeout).
	 * @return the asynchronous commands of the shared connection
	 * @throws RuntimeException when Redis cannot be reached
	 */
	RedisClusterAsyncCommands<byte[], byte[]> commands() {
		try (LettuceConnection connection = (LettuceConnection) this.factory.getConnection()) {
			return connection.getNativeConnection();
		}
	}

	/**
	 * @return the channel's name
	 */
	byte[] name() {
		return this.channel;
	}

	/**
	 * Close the connection that publishes, dropping whatever it still holds unwritten or
	 * unanswered, so that a publish that timed out never reaches Redis later. The next
	 * {@link #commands()} connects again.
	 */
	void resetPublishing() {
		this.factory.resetConnection();
	}

	/**
	 * Subscribe to the channel, unless already subscribed. Lettuce subscribes again by
	 * itself after a reconnect. Called from one thread at a time.
	 * @param listener gets each message, on a Lettuce thread
	 * @throws RuntimeException when Redis cannot be reached
	 */
	void subscribe(MessageListener listener) {
		if (isSubscribed()) {
			return;
		}
		unsubscribe();
		RedisConnection connection = this.factory.getConnection();
		try {
			connection.subscribe(listener, this.channel);
			this.subscriber = connection;
		}
		catch (RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	/**
	 * @return whether a subscription is in place; never waits
	 */
	boolean isSubscribed() {
		RedisConnection connection = this.subscriber;
		Subscription subscription = (connection != null) ? connection.getSubscription() : null;
		return subscription != null && subscription.isAlive();
	}

	/**
	 * End the subscription, if any, so that the next {@link #subscribe} starts afresh.
	 * Called from the thread that subscribes; may wait up to the command timeout.
	 */
	void unsubscribe() {
		RedisConnection connection = this.subscriber;
		this.subscriber = null;
		if (connection != null) {
			try {
				connection.close();
			}
			catch (RuntimeException ex) {
				// the connection is gone either way
			}
		}
	}

	@Override
	public void close() {
		try {
			unsubscribe();
		}
		finally {
			this.factory.destroy();
		}
	}

	@Override
	public String toString() {
		return this.description;
	}

}
