package dev.cyclone.websocket.benchmarks;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * One idle connection of a {@link ScaleTool} run: exchanges one message, checks the echo,
 * then holds the connection open and notices if the server closes it.
 */
final class ScaleConnection extends SimpleChannelInboundHandler<TextWebSocketFrame> {

	private static final int MESSAGE_SIZE = 16;

	private final int number;

	private final String expected;

	private final BooleanSupplier closing;

	private final CompletableFuture<Void> echoed = new CompletableFuture<>();

	private final CompletableFuture<Void> lost = new CompletableFuture<>();

	private ChannelHandlerContext context;

	/**
	 * Creates the connection's handler.
	 * @param number the connection's number, part of its message
	 * @param expectedPrefix what the server puts before the message in its echo
	 * @param closing whether the tool is closing the connections itself
	 */
	ScaleConnection(int number, String expectedPrefix, BooleanSupplier closing) {
		this.number = number;
		this.expected = expectedPrefix + EchoPayload.of(number, 0, MESSAGE_SIZE);
		this.closing = closing;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.context = ctx;
	}

	/**
	 * Sends the connection's one message.
	 * @return completes when the right echo arrived; fails on a wrong one or if the
	 * connection closes first
	 */
	CompletableFuture<Void> exchange() {
		this.context.writeAndFlush(new TextWebSocketFrame(EchoPayload.of(this.number, 0, MESSAGE_SIZE)));
		return this.echoed;
	}

	/**
	 * Completes if the connection closes before the tool closes it.
	 * @return the future
	 */
	CompletableFuture<Void> lost() {
		return this.lost;
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
		String text = frame.text();
		if (text.equals(this.expected) && !this.echoed.isDone()) {
			this.echoed.complete(null);
		}
		else {
			this.echoed.completeExceptionally(
					new IOException("Connection " + this.number + ": expected " + this.expected + " but got " + text));
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		this.echoed.completeExceptionally(new IOException("Connection " + this.number + " closed"));
		if (!this.closing.getAsBoolean()) {
			this.lost.complete(null);
		}
		ctx.fireChannelInactive();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		this.echoed.completeExceptionally(cause);
		ctx.close();
	}

}
