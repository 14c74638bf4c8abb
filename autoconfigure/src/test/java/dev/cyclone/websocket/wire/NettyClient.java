package dev.cyclone.websocket.wire;

import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

/**
 * Netty's WebSocket client as a test peer, for RFC 6455 ({@link WebSocketVersion#V13})
 * and Hixie-76 ({@link WebSocketVersion#V00}; Netty's V00 decoder corrupts frames split
 * across reads, so keep messages small).
 */
final class NettyClient implements AutoCloseable {

	private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

	private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

	private final CompletableFuture<Void> handshake = new CompletableFuture<>();

	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	private final WebSocketClientHandshaker handshaker;

	private Channel channel;

	private NettyClient(URI uri, WebSocketVersion version, String origin) {
		HttpHeaders headers = new DefaultHttpHeaders();
		if (origin != null) {
			headers.set("Origin", origin);
		}
		this.handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri, version, null, true, headers);
	}

	static NettyClient connect(URI uri, WebSocketVersion version) {
		return connect(uri, version, null);
	}

	static NettyClient connect(URI uri, WebSocketVersion version, String origin) {
		NettyClient client = new NettyClient(uri, version, origin);
		client.channel = new Bootstrap().group(GROUP)
			.channel(NioSocketChannel.class)
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel ch) {
					ch.pipeline()
						.addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), client.new Handler());
				}
			})
			.connect(uri.getHost(), uri.getPort())
			.syncUninterruptibly()
			.channel();
		client.handshaker.handshake(client.channel);
		client.handshake.orTimeout(10, TimeUnit.SECONDS).join();
		return client;
	}

	void send(String text) {
		this.channel.writeAndFlush(new TextWebSocketFrame(text)).syncUninterruptibly();
	}

	String next() throws InterruptedException {
		String message = this.messages.poll(10, TimeUnit.SECONDS);
		if (message == null) {
			throw new AssertionError("No message within 10 s");
		}
		return message;
	}

	String sendAndReceive(String text) throws InterruptedException {
		send(text);
		return next();
	}

	void awaitClosed() {
		this.closed.orTimeout(10, TimeUnit.SECONDS).join();
	}

	@Override
	public void close() {
		if (this.channel.isActive()) {
			this.channel.writeAndFlush(new CloseWebSocketFrame());
		}
		this.channel.close().syncUninterruptibly();
	}

	private final class Handler extends SimpleChannelInboundHandler<Object> {

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
			if (!NettyClient.this.handshaker.isHandshakeComplete() && msg instanceof FullHttpResponse response) {
				NettyClient.this.handshaker.finishHandshake(ctx.channel(), response);
				NettyClient.this.handshake.complete(null);
			}
			else if (msg instanceof TextWebSocketFrame text) {
				NettyClient.this.messages.add(text.text());
			}
			else if (msg instanceof CloseWebSocketFrame) {
				ctx.close();
			}
			else if (msg instanceof WebSocketFrame) {
				// pings and binary frames are not used by these tests
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			NettyClient.this.closed.complete(null);
			NettyClient.this.handshake.completeExceptionally(new IllegalStateException("Connection closed"));
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			NettyClient.this.handshake.completeExceptionally(cause);
			ctx.close();
		}

	}

}
