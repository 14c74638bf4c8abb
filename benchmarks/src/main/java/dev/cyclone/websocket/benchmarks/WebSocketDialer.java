package dev.cyclone.websocket.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;

/**
 * Opens WebSocket connections with Netty's client
 * ({@code WebSocketClientProtocolHandler}, which handshakes with
 * {@code WebSocketClientHandshaker13} or {@code WebSocketClientHandshaker00}) on a shared
 * event loop group, so that thousands of connections need no thread of their own.
 * Hixie-76 frames from the server are decoded by {@link Hixie76ClientFrameDecoder}
 * instead of Netty's V00 decoder.
 */
final class WebSocketDialer {

	private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

	private final EventLoopGroup group;

	private final URI uri;

	private final HttpHeaders extraHeaders;

	private final List<InetAddress> sourceAddresses;

	private final AtomicInteger dialed = new AtomicInteger();

	/** The request head of the first handshake of each protocol, as sent. */
	private final Map<ClientProtocol, String> firstHeads = new ConcurrentHashMap<>();

	/**
	 * Creates a dialer for one server endpoint.
	 * @param group the event loops that serve every connection
	 * @param uri the {@code ws://} address
	 */
	WebSocketDialer(EventLoopGroup group, URI uri) {
		this(group, uri, EmptyHttpHeaders.INSTANCE, List.of());
	}

	/**
	 * Creates a dialer for one server endpoint that adds headers to every handshake and
	 * spreads its connections over several local addresses, so that more connections than
	 * one address has ports can open.
	 * @param group the event loops that serve every connection
	 * @param uri the {@code ws://} address
	 * @param extraHeaders headers added to every handshake
	 * @param sourceAddresses the local addresses to connect from, in turn; empty for the
	 * system's choice
	 */
	WebSocketDialer(EventLoopGroup group, URI uri, HttpHeaders extraHeaders, List<InetAddress> sourceAddresses) {
		this.group = group;
		this.uri = uri;
		this.extraHeaders = extraHeaders;
		this.sourceAddresses = sourceAddresses;
	}

	/**
	 * The request head of the first handshake of a protocol: header names, and the length
	 * of each value.
	 * @param protocol the protocol
	 * @return the head, or {@code null} before the first handshake
	 */
	String firstHead(ClientProtocol protocol) {
		return this.firstHeads.get(protocol);
	}

	/**
	 * Connects and handshakes; the text frames of the connection then reach
	 * {@code messageHandler}.
	 * @param protocol the protocol to handshake with
	 * @param messageHandler the last handler of the pipeline, added before the handshake
	 * starts
	 * @return the channel once the handshake is complete, or the reason it failed
	 */
	CompletableFuture<Channel> open(ClientProtocol protocol, ChannelHandler messageHandler) {
		CompletableFuture<Channel> opened = new CompletableFuture<>();
		WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
			.webSocketUri(this.uri)
			.version(protocol.version())
			.customHeaders(this.extraHeaders)
			.handshakeTimeoutMillis(HANDSHAKE_TIMEOUT.toMillis())
			.build();
		InetSocketAddress remote = new InetSocketAddress(this.uri.getHost(), this.uri.getPort());
		Bootstrap bootstrap = new Bootstrap().group(this.group)
			.channel(NioSocketChannel.class)
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline()
						.addLast(new HttpClientCodec(), new HeadRecorder(protocol), new HttpObjectAggregator(8192),
								new WebSocketClientProtocolHandler(config), new HandshakeListener(protocol, opened),
								messageHandler);
				}
			});
		ChannelFuture connecting = this.sourceAddresses.isEmpty() ? bootstrap.connect(remote)
				: bootstrap.connect(remote, new InetSocketAddress(
						this.sourceAddresses.get(this.dialed.getAndIncrement() % this.sourceAddresses.size()), 0));
		connecting.addListener(connected -> {
			if (!connected.isSuccess()) {
				opened.completeExceptionally(connected.cause());
			}
		});
		return opened;
	}

	/**
	 * Records the request head of the first handshake of its protocol, then leaves the
	 * pipeline.
	 */
	private final class HeadRecorder extends ChannelOutboundHandlerAdapter {

		private final ClientProtocol protocol;

		HeadRecorder(ClientProtocol protocol) {
			this.protocol = protocol;
		}

		@Override
		public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) throws Exception {
			if (message instanceof HttpRequest request) {
				StringBuilder head = new StringBuilder(request.method() + " " + request.uri());
				request.headers()
					.forEach(header -> head.append("; ")
						.append(header.getKey())
						.append(" (")
						.append(header.getValue().length())
						.append(" chars)"));
				WebSocketDialer.this.firstHeads.putIfAbsent(this.protocol, head.toString());
				ctx.pipeline().remove(this);
			}
			super.write(ctx, message, promise);
		}

	}

	/**
	 * Completes the future of {@link #open} with the outcome of the handshake, then
	 * leaves the pipeline.
	 */
	private static final class HandshakeListener extends ChannelInboundHandlerAdapter {

		/** The name Netty's handshakers give the frame decoder they install. */
		private static final String FRAME_DECODER = "ws-decoder";

		private final ClientProtocol protocol;

		private final CompletableFuture<Channel> opened;

		HandshakeListener(ClientProtocol protocol, CompletableFuture<Channel> opened) {
			this.protocol = protocol;
			this.opened = opened;
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
			if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
				if (this.protocol == ClientProtocol.HIXIE76) {
					ctx.pipeline().replace(FRAME_DECODER, FRAME_DECODER, new Hixie76ClientFrameDecoder());
				}
				ctx.pipeline().remove(this);
				this.opened.complete(ctx.channel());
			}
			else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
				this.opened.completeExceptionally(
						new TimeoutException("No handshake answer within " + HANDSHAKE_TIMEOUT.toSeconds() + " s"));
			}
			ctx.fireUserEventTriggered(event);
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			this.opened.completeExceptionally(new IOException("Connection closed during the handshake"));
			ctx.fireChannelInactive();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			this.opened.completeExceptionally(cause);
			ctx.close();
		}

	}

}
