package dev.cyclone.websocket.container.tomcat;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.coyote.http11.upgrade.UpgradeProcessorInternal;
import org.apache.tomcat.websocket.WsFrameBase;
import org.apache.tomcat.websocket.WsSession;
import org.apache.tomcat.websocket.server.WsHttpUpgradeHandler;
import org.apache.tomcat.websocket.server.WsRemoteEndpointImplServer;
import org.jspecify.annotations.Nullable;

/**
 * Trims what Tomcat keeps for each RFC 6455 session of the starter beyond what an idle
 * connection needs. Tomcat gives every session a binary and a text message buffer of the
 * container's default size (8 KiB and 8 K characters) before the application sees it, and
 * makes new ones when a message starts and the session's size differs; the starter takes
 * messages in parts and assembles them itself, so its sessions get small buffers: the
 * session's sizes through the WebSocket API, the buffers its frame reader already holds
 * replaced. Tomcat's upgrade handler also keeps the handshake request (a copy of every
 * header) after it made the session from it; that reference is dropped. Both through
 * private fields ({@code WsSession.wsFrame}, the reader's {@code messageBufferBinary} and
 * {@code messageBufferText}, the upgrade processor's {@code internalHttpUpgradeHandler}
 * and its {@code handshakeRequest}); when a Tomcat release renames them, which is logged
 * once, the buffers shrink when the first message of each kind arrives and the request
 * stays.
 */
final class TomcatSessionFootprint {

	/**
	 * The smallest message buffer that holds a control frame's payload (125 bytes) and
	 * every character: smaller ones would stall Tomcat's decoder.
	 */
	static final int MIN_MESSAGE_BUFFER_SIZE = 128;

	private static final Log logger = LogFactory.getLog(TomcatSessionFootprint.class);

	private static final String WITHOUT_FRAME = "Tomcat's RFC 6455 sessions keep their default message buffers until "
			+ "their first message";

	private static final String WITHOUT_UPGRADE = "Tomcat's RFC 6455 sessions keep a copy of their handshake's headers";

	private static final @Nullable Field frame = PrivateFields.find(WsSession.class, "wsFrame", WITHOUT_FRAME);

	private static final @Nullable Field binaryBuffer = PrivateFields.find(WsFrameBase.class, "messageBufferBinary",
			WITHOUT_FRAME);

	private static final @Nullable Field textBuffer = PrivateFields.find(WsFrameBase.class, "messageBufferText",
			WITHOUT_FRAME);

	private static final @Nullable Field connection = PrivateFields.find(WsRemoteEndpointImplServer.class, "connection",
			WITHOUT_UPGRADE);

	private static final @Nullable Field upgradeHandler = PrivateFields.find(UpgradeProcessorInternal.class,
			"internalHttpUpgradeHandler", WITHOUT_UPGRADE);

	private static final @Nullable Field handshakeRequest = PrivateFields.find(WsHttpUpgradeHandler.class,
			"handshakeRequest", WITHOUT_UPGRADE);

	private TomcatSessionFootprint() {
	}

	/**
	 * Give a session the container's default message buffer sizes, from the next message
	 * on (Tomcat makes new buffers when a message starts and its size differs).
	 * @param session a server session
	 */
	static void restore(WsSession session) {
		if (!session.isOpen()) {
			return;
		}
		int binary = session.getContainer().getDefaultMaxBinaryMessageBufferSize();
		int text = session.getContainer().getDefaultMaxTextMessageBufferSize();
		try {
			if (session.getMaxBinaryMessageBufferSize() < binary || session.getMaxTextMessageBufferSize() < text) {
				session.setMaxBinaryMessageBufferSize(Math.max(binary, session.getMaxBinaryMessageBufferSize()));
				session.setMaxTextMessageBufferSize(Math.max(text, session.getMaxTextMessageBufferSize()));
			}
		}
		catch (IllegalStateException ex) {
			// closed meanwhile, on another thread: no message follows
		}
	}

	/**
	 * Trim a session that has not read a frame yet: message buffers of
	 * {@code messageBufferSize} bytes and as many characters, and no handshake request
	 * kept.
	 * @param session a server session, from its {@code onOpen}
	 * @param messageBufferSize the message buffer size
	 */
	static void trim(WsSession session, int messageBufferSize) {
		session.setMaxBinaryMessageBufferSize(messageBufferSize);
		session.setMaxTextMessageBufferSize(messageBufferSize);
		try {
			if (frame != null && binaryBuffer != null && textBuffer != null
					&& frame.get(session) instanceof WsFrameBase reader) {
				binaryBuffer.set(reader, ByteBuffer.allocate(messageBufferSize));
				textBuffer.set(reader, CharBuffer.allocate(messageBufferSize));
			}
			TomcatEndpoint endpoint = TomcatEndpoint.of(session);
			if (endpoint != null && connection != null && upgradeHandler != null && handshakeRequest != null
					&& connection.get(endpoint.remoteEndpoint()) instanceof UpgradeProcessorInternal processor
					&& upgradeHandler.get(processor) instanceof WsHttpUpgradeHandler handler) {
				handshakeRequest.set(handler, null);
			}
		}
		catch (IllegalAccessException ex) {
			logger.debug("Could not trim session " + session.getId(), ex);
		}
	}

}
