/**
 * Protocol codec for the Hixie-75 and Hixie-76 WebSocket drafts
 * (draft-hixie-thewebsocketprotocol-75 and -76, the latter also published as
 * draft-ietf-hybi-00), independent of any server or servlet API.
 *
 * <ul>
 * <li>{@link dev.cyclone.websocket.hixie76.Hixie76Handshake} parses the
 * {@code Sec-WebSocket-Key1}/{@code Key2} values and computes the 16-byte challenge
 * answer (Hixie-76 only; Hixie-75 has no challenge).</li>
 * <li>{@link dev.cyclone.websocket.hixie76.HixieDraft} names the response headers and
 * protocol name of each draft.</li>
 * <li>{@link dev.cyclone.websocket.hixie76.Hixie76FrameDecoder} turns the client's byte
 * stream into text messages and detects the closing handshake.</li>
 * <li>{@link dev.cyclone.websocket.hixie76.Hixie76FrameEncoder} builds server-to-client
 * text and close frames.</li>
 * </ul>
 *
 * <p>
 * Both drafts share the same framing: {@code 0x00 <UTF-8 text> 0xFF} for text messages, a
 * type byte with the high bit set followed by a base-128 length for length-prefixed
 * frames, and {@code 0xFF 0x00} for the closing handshake. Frames are not masked.
 */
package dev.cyclone.websocket.hixie76;
