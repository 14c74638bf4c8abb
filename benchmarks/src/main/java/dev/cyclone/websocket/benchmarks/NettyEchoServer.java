package dev.cyclone.websocket.benchmarks;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * The high-performance reference of the load comparison: a Netty echo server at
 * {@code /websocket} that answers every text message with {@code "You said: " + message},
 * like the sample application.
 *
 * <p>
 * {@code WebSocketServerProtocolHandler} picks the handshaker with
 * {@code WebSocketServerHandshakerFactory}: {@code WebSocketServerHandshaker13} for RFC
 * 6455 and, for a request without {@code Sec-WebSocket-Version},
 * {@code WebSocketServerHandshaker00} for Hixie-76 (Netty's HTTP decoder reads the 8
 * bytes of key3 as the request's content). Replies are written as messages arrive and
 * flushed once per read, as Netty servers do.
 *
 * <p>
 * Run it as
 * {@code java -cp benchmarks/target/benchmarks.jar dev.cyclone.websocket.benchmarks.NettyEchoServer
 * <port>}; it listens on 127.0.0.1 until killed.
 */
public final class NettyEchoServer {

	private static final int MAX_MESSAGE_SIZE = 64 * 1024;

	private NettyEchoServer() {
	}

	/**
	 * Starts the server and waits until it is closed.
	 * @param args the port
	 * @throws InterruptedException if interrupted while serving
	 */
	public static void main(String[] args) throws InterruptedException {
		if (args.length != 1) {
			System.err.println("Arguments: <port>");
			System.exit(2);
		}
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
		try {
			WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
				.websocketPath("/websocket")
				.maxFramePayloadLength(MAX_MESSAGE_SIZE)
				.build();
			Channel server = new ServerBootstrap().group(group)
				.channel(NioServerSocketChannel.class)
				.childHandler(new ChannelInitializer<SocketChannel>() {
					@Override
					protected void initChannel(SocketChannel channel) {
						channel.pipeline()
							.addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
									new WebSocketServerProtocolHandler(config), new EchoHandler());
					}
				})
				.bind("127.0.0.1", Integer.parseInt(args[0]))
				.sync()
				.channel();
			System.out.println("Netty echo server listening on " + server.localAddress());
			server.closeFuture().sync();
		}
		finally {
			group.shutdownGracefully();
		}
	}

	/**
	 * Answers each text message with {@code "You said: " + message}.
	 */
	private static final class EchoHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
			ctx.write(new TextWebSocketFrame("You said: " + frame.text()));
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
			ctx.fireChannelReadComplete();
		}

	}

}
