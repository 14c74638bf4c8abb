package dev.cyclone.websocket.jetty;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cyclone.websocket.support.AutoConfigurationWithoutSecurity;
import dev.cyclone.websocket.wire.RawHttp;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins down how Jetty 12.1's ee11 servlet upgrade hands the bytes that follow the request
 * head to the upgraded connection, with a bare {@link HttpServletRequest#upgrade(Class)}
 * and no cyclone code.
 * <p>
 * Jetty parses a request with no body to its end as soon as the head is read when nothing
 * follows the head in the read buffer; the request's content is then at end of stream
 * before the servlet runs, and the upgrade keeps it there. Bytes in the head's segment
 * arrive; bytes sent later never reach the upgraded input stream, whose
 * {@link ReadListener} is told {@code onAllDataRead} at once. When a Jetty release
 * changes this, the second test fails. The starter does not use the servlet upgrade on
 * Jetty for this reason (and because a servlet-upgraded connection cannot be closed from
 * another thread): see {@code JettyContainer}.
 */
@SpringBootTest(classes = JettyServletUpgradeTest.UpgradeApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class JettyServletUpgradeTest {

	static final BlockingQueue<String> events = new LinkedBlockingQueue<>();

	@LocalServerPort
	int port;

	@BeforeEach
	void clearEvents() {
		events.clear();
	}

	@Test
	void deliversBytesThatArriveInTheHeadsSegment() throws Exception {
		try (Socket socket = connect()) {
			write(socket, head() + "abcd");
			assertThat(RawHttp.readHead(socket.getInputStream())).startsWith("HTTP/1.1 101");
			assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("data:abcd");
		}
	}

	@Test
	void endsTheUpgradedInputAtOnceWhenTheHeadArrivedAloneAndNeverDeliversLaterBytes() throws Exception {
		try (Socket socket = connect()) {
			write(socket, head());
			assertThat(RawHttp.readHead(socket.getInputStream())).startsWith("HTTP/1.1 101");
			assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("all-data-read");
			write(socket, "abcd");
			assertThat(events.poll(1, TimeUnit.SECONDS)).isNull();
		}
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket("127.0.0.1", this.port);
		socket.setSoTimeout(10_000);
		return socket;
	}

	private String head() {
		return "GET /upgrade HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\nUpgrade: test\r\n"
				+ "Connection: Upgrade\r\n\r\n";
	}

	private static void write(Socket socket, String text) throws IOException {
		socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
		socket.getOutputStream().flush();
	}

	@SpringBootConfiguration
	@AutoConfigurationWithoutSecurity
	static class UpgradeApplication {

		@Bean
		ServletRegistrationBean<UpgradeServlet> upgradeServlet() {
			return new ServletRegistrationBean<>(new UpgradeServlet(), "/upgrade");
		}

	}

	static class UpgradeServlet extends HttpServlet {

		@Override
		protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
			try {
				request.upgrade(RecordingUpgradeHandler.class);
			}
			catch (jakarta.servlet.ServletException ex) {
				throw new IOException(ex);
			}
		}

	}

	/** Records what the upgraded input stream delivers. */
	public static class RecordingUpgradeHandler implements HttpUpgradeHandler {

		@Override
		public void init(WebConnection connection) {
			try {
				ServletInputStream input = connection.getInputStream();
				input.setReadListener(new ReadListener() {

					@Override
					public void onDataAvailable() throws IOException {
						byte[] buffer = new byte[256];
						while (input.isReady()) {
							int read = input.read(buffer);
							if (read < 0) {
								events.add("end-of-stream");
								return;
							}
							events.add("data:" + new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
						}
					}

					@Override
					public void onAllDataRead() {
						events.add("all-data-read");
					}

					@Override
					public void onError(Throwable failure) {
						events.add("error:" + failure);
					}

				});
			}
			catch (IOException ex) {
				events.add("error:" + ex);
			}
		}

		@Override
		public void destroy() {
		}

	}

}
