package dev.cyclone.websocket.container.jetty;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Reads the small body of an upgrade request without holding a thread, with the Servlet
 * API's non-blocking input, then upgrades. Jetty upgrades a connection when its request
 * completes, and would then read and drop whatever body had come; so the request goes
 * asynchronous, and the upgrade happens once the body is complete, or the request is
 * answered {@code 408} when the body has not come within the time limit. A request that
 * cannot go asynchronous (a filter before this one that does not support it) has its body
 * read blocking, at most a few bytes.
 */
final class RequestBodyReader implements ReadListener, AsyncListener {

	private static final Log logger = LogFactory.getLog(RequestBodyReader.class);

	/** Upgrades once the body is read. */
	@FunctionalInterface
	interface Upgrade {

		void with(byte[] body) throws IOException;

	}

	private final AsyncContext async;

	private final ServletInputStream input;

	private final byte[] body;

	private final Upgrade upgrade;

	private final CompletableFuture<Void> upgraded = new CompletableFuture<>();

	private int read;

	private RequestBodyReader(AsyncContext async, ServletInputStream input, int length, Upgrade upgrade) {
		this.async = async;
		this.input = input;
		this.body = new byte[length];
		this.upgrade = upgrade;
	}

	/**
	 * Read a request's body, then upgrade.
	 * @param request the request, with a declared body of at most a few bytes
	 * @param response its response
	 * @param timeoutMillis how long the body may take to come
	 * @param upgrade what to do with the body
	 * @return completes once upgraded, exceptionally when the body did not come or the
	 * upgrade failed
	 * @throws IOException when the request's input cannot be read
	 */
	static CompletableFuture<Void> readThenUpgrade(HttpServletRequest request, HttpServletResponse response,
			long timeoutMillis, Upgrade upgrade) throws IOException {
		int length = Math.toIntExact(request.getContentLengthLong());
		AsyncContext async;
		try {
			async = request.startAsync(request, response);
		}
		catch (IllegalStateException ex) {
			logger.warn("Reading the " + length + "-byte body of a WebSocket handshake to " + request.getRequestURI()
					+ " blocking: the request cannot go asynchronous (" + ex.getMessage() + ")");
			upgrade.with(request.getInputStream().readNBytes(length));
			return CompletableFuture.completedFuture(null);
		}
		async.setTimeout(timeoutMillis);
		RequestBodyReader reader = new RequestBodyReader(async, request.getInputStream(), length, upgrade);
		async.addListener(reader);
		reader.input.setReadListener(reader);
		return reader.upgraded;
	}

	/**
	 * Reads while Jetty has input, to the end of the body, which makes Jetty call
	 * {@link #onAllDataRead}.
	 */
	@Override
	public void onDataAvailable() throws IOException {
		while (this.input.isReady()) {
			boolean full = this.read == this.body.length;
			int count = full ? this.input.read() : this.input.read(this.body, this.read, this.body.length - this.read);
			if (count < 0) {
				return;
			}
			if (!full) {
				this.read += count;
			}
		}
	}

	@Override
	public void onAllDataRead() throws IOException {
		try {
			this.upgrade.with(Arrays.copyOf(this.body, this.read));
			this.upgraded.complete(null);
		}
		catch (IOException | RuntimeException ex) {
			this.upgraded.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.async.complete();
		}
	}

	@Override
	public void onError(Throwable failure) {
		logger.debug("The body of a WebSocket handshake failed", failure);
		this.upgraded.completeExceptionally(failure);
		this.async.complete();
	}

	@Override
	public void onTimeout(AsyncEvent event) throws IOException {
		HttpServletRequest request = (HttpServletRequest) this.async.getRequest();
		String message = "its body (" + this.read + " of " + this.body.length + " bytes) did not come within "
				+ this.async.getTimeout() + " ms";
		logger.warn("Refused a WebSocket handshake to " + request.getRequestURI() + " from " + request.getRemoteAddr()
				+ " with 408: " + message);
		HttpServletResponse response = (HttpServletResponse) this.async.getResponse();
		response.reset();
		response.sendError(HttpServletResponse.SC_REQUEST_TIMEOUT);
		this.upgraded.completeExceptionally(new TimeoutException(message));
		this.async.complete();
	}

	@Override
	public void onComplete(AsyncEvent event) {
	}

	@Override
	public void onError(AsyncEvent event) {
	}

	@Override
	public void onStartAsync(AsyncEvent event) {
	}

}
