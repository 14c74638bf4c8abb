package dev.cyclone.websocket.container.jetty;

import java.io.IOException;
import java.util.Arrays;

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
 * Reads the small body of an upgrade request without holding a thread, with the Servlet API's non-blocking input,
 * then upgrades. Jetty upgrades a connection when its request completes, and would then read and drop whatever body
 * had come; so the request goes asynchronous, and the upgrade happens once the body is complete, or the request is
 * answered {@code 408} when the body has not come within the time limit.
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
	 * @param timeoutMillis how long the body may take to come
	 * @param upgrade what to do with the body
	 * @throws IOException when the request's input cannot be read
	 */
	static void readThenUpgrade(HttpServletRequest request, long timeoutMillis, Upgrade upgrade) throws IOException {
		AsyncContext async = request.startAsync();
		async.setTimeout(timeoutMillis);
		RequestBodyReader reader = new RequestBodyReader(async, request.getInputStream(),
				Math.toIntExact(request.getContentLengthLong()), upgrade);
		async.addListener(reader);
		reader.input.setReadListener(reader);
	}

	/** Reads while Jetty has input, to the end of the body, which makes Jetty call {@link #onAllDataRead}. */
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
		}
		finally {
			this.async.complete();
		}
	}

	@Override
	public void onError(Throwable failure) {
		logger.debug("The body of an upgrade request failed", failure);
		this.async.complete();
	}

	@Override
	public void onTimeout(AsyncEvent event) throws IOException {
		HttpServletRequest request = (HttpServletRequest) this.async.getRequest();
		logger.warn("Refused a WebSocket handshake to " + request.getRequestURI() + " from " + request.getRemoteAddr()
				+ " with 408: its body (" + this.read + " of " + this.body.length + " bytes) did not come within "
				+ this.async.getTimeout() + " ms");
		((HttpServletResponse) this.async.getResponse()).sendError(HttpServletResponse.SC_REQUEST_TIMEOUT);
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
