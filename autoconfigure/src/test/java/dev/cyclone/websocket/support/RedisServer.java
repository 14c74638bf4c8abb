package dev.cyclone.websocket.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (Debian's package, which {@code .ci/run} installs) on a
 * free loopback port, persistence off, started and stopped by the tests; stoppable and
 * startable again on the same port to play an outage. Talks RESP over a raw socket for
 * what tests publish themselves.
 */
public final class RedisServer implements AutoCloseable {

	private static final String EXECUTABLE = "redis-server";

	private final int port;

	private final String password;

	private final Path directory;

	private Process process;

	private RedisServer(int port, String password) throws IOException {
		this.port = port;
		this.password = password;
		this.directory = Files.createTempDirectory("redis-test");
	}

	/**
	 * Start a server on a free port.
	 * @return the running server
	 */
	public static RedisServer start() throws IOException {
		return start(null);
	}

	/**
	 * Start a server on a free port that requires a password.
	 * @param password what {@code requirepass} is set to, or {@code null} for none
	 * @return the running server
	 */
	public static RedisServer start(String password) throws IOException {
		return start(password, freePort());
	}

	/**
	 * Start a server on a given port.
	 * @param password what {@code requirepass} is set to, or {@code null} for none
	 * @param port the port
	 * @return the running server
	 */
	public static RedisServer start(String password, int port) throws IOException {
		RedisServer server = new RedisServer(port, password);
		server.startAgain();
		return server;
	}

	/**
	 * @return a loopback port nobody listens on now
	 */
	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			return socket.getLocalPort();
		}
	}

	/** Start the server (again) on its port. */
	public void startAgain() throws IOException {
		List<String> command = new ArrayList<>(List.of(EXECUTABLE, "--port", String.valueOf(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.directory.toString(), "--protected-mode",
				"no", "--enable-debug-command", "yes"));
		if (this.password != null) {
			command.addAll(List.of("--requirepass", this.password));
		}
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("redis.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IOException("Cannot start " + EXECUTABLE + " (Debian's redis-server package; .ci/run installs "
					+ "it): " + ex.getMessage(), ex);
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			try {
				if (command("PING").startsWith("+PONG")) {
					return;
				}
			}
			catch (IOException ex) {
				if (!this.process.isAlive() || System.nanoTime() > deadline) {
					throw new IOException("redis-server did not start on port " + this.port + ": "
							+ Files.readString(this.directory.resolve("redis.log")), ex);
				}
				sleep(20);
			}
		}
	}

	/** Stop the server, as an outage would, and wait until its port is closed. */
	public void stop() {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * @return the server's port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Publish bytes on a channel, as a foreign or hostile publisher would.
	 * @param channel the channel
	 * @param message the bytes
	 * @return the reply, such as {@code :2} for two subscribers
	 */
	public String publish(String channel, byte[] message) throws IOException {
		return command("PUBLISH", channel.getBytes(StandardCharsets.UTF_8), message);
	}

	/**
	 * @param timeout how long to wait for the answer
	 * @return whether the server answers a PING within that time (not while it sleeps)
	 */
	public boolean answersWithin(Duration timeout) {
		try {
			return exchange(timeout, "PING").startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Run a command.
	 * @param arguments the command and its arguments
	 * @return the first line of the reply
	 */
	public String command(Object... arguments) throws IOException {
		return exchange(Duration.ofSeconds(5), arguments);
	}

	private String exchange(Duration timeout, Object... arguments) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout((int) timeout.toMillis());
			OutputStream out = socket.getOutputStream();
			if (this.password != null) {
				out.write(encode(new Object[] { "AUTH", this.password }));
			}
			out.write(encode(arguments));
			out.flush();
			InputStream in = socket.getInputStream();
			if (this.password != null) {
				readLine(in);
			}
			return readLine(in);
		}
	}

	private static byte[] encode(Object[] arguments) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes(("*" + arguments.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
		for (Object argument : arguments) {
			byte[] value = (argument instanceof byte[] given) ? given
					: argument.toString().getBytes(StandardCharsets.UTF_8);
			bytes.writeBytes(("$" + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
			bytes.writeBytes(value);
			bytes.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		return bytes.toByteArray();
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int b;
		while ((b = in.read()) != -1 && b != '\n') {
			if (b != '\r') {
				line.append((char) b);
			}
		}
		if (b == -1 && line.isEmpty()) {
			throw new IOException("Redis closed the connection");
		}
		return line.toString();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		stop();
	}

}
