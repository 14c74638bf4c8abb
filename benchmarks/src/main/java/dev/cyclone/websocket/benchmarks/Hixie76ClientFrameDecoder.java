package dev.cyclone.websocket.benchmarks;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * The load tools' decoder of the Hixie-76 frames a server sends, in place of Netty's
 * {@code WebSocket00FrameDecoder}, which loses the start of a frame split across two
 * reads (seen on the sample application's replies under load). Servers send text frames
 * ({@code 0x00}, UTF-8, {@code 0xFF}) and the closing frame ({@code 0xFF 0x00}) only;
 * anything else fails the connection.
 */
final class Hixie76ClientFrameDecoder extends ByteToMessageDecoder {

	private static final int MAX_FRAME_SIZE = 64 * 1024;

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		int start = in.readerIndex();
		byte type = in.getByte(start);
		if (type == (byte) 0xFF) {
			if (in.readableBytes() >= 2) {
				in.skipBytes(2);
				out.add(new CloseWebSocketFrame());
			}
			return;
		}
		if (type != 0x00) {
			throw new CorruptedFrameException("Unexpected Hixie-76 frame type " + (type & 0xFF));
		}
		int end = in.indexOf(start + 1, in.writerIndex(), (byte) 0xFF);
		if (end < 0) {
			if (in.readableBytes() > MAX_FRAME_SIZE) {
				throw new TooLongFrameException("Hixie-76 frame longer than " + MAX_FRAME_SIZE + " bytes");
			}
			return;
		}
		out.add(new TextWebSocketFrame(in.retainedSlice(start + 1, end - start - 1)));
		in.readerIndex(end + 1);
	}

}
